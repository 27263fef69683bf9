#pragma once
// UTF-8 at the door: every text a loader accepts is checked once, so nothing downstream (JSON
// output, XML export) meets bytes it cannot write. Also the display width of a text, for tables.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace plangraph::detail {

/// Decodes the code point starting at s[i]; advances i. Returns nullopt for an invalid sequence
/// (bad lead or continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
inline std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    std::uint8_t lead = byte(i);
    if (lead < 0x80) return ++i, char32_t{lead};
    std::size_t n = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (n == 0 || lead > 0xF4 || n >= s.size() - i) return std::nullopt;
    char32_t cp = lead & (0x3F >> n);
    for (std::size_t k = 1; k <= n; ++k) {
        std::uint8_t c = byte(i + k);
        if ((c & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    constexpr char32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += n + 1;
    return cp;
}

/// The byte offset of the first invalid UTF-8 sequence in s, or nullopt when s is valid.
inline std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t at = i;
        // 32 ASCII bytes at a time: a model's files are mostly ASCII.
        if (std::uint64_t words[4]; s.size() - i >= sizeof words) {
            std::memcpy(words, s.data() + i, sizeof words);
            if (((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080u) == 0) {
                i += sizeof words;
                continue;
            }
        }
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        if (!decode_utf8(s, i)) return at;
    }
    return std::nullopt;
}

/// Columns a code point takes in a terminal: 0 for combining marks, 2 for wide East Asian
/// characters and emoji, 1 otherwise.
constexpr int column_width(char32_t c) {
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
        (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D)
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

/// Columns a UTF-8 text takes in a terminal (an invalid byte counts as one column).
inline std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (auto c = decode_utf8(s, i))
            width += static_cast<std::size_t>(column_width(*c));
        else
            ++i, ++width;
    }
    return width;
}

}  // namespace plangraph::detail
