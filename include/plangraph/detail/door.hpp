#pragma once
// The door every loader reads through: only regular files are opened (a FIFO or a device would
// block or never end), and a foreign exception (standard library, Boost, nlohmann) met while
// loading becomes a parse_error naming the file, so none reaches a user bare. Also the one wording
// of a text refused for not being UTF-8, and the range check of the indicator periods loaders read.
#include "../date.hpp"
#include "../error.hpp"
#include "../limits.hpp"

#include <cstddef>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace plangraph::detail {

/// Why a path that is not a regular file is refused.
inline std::string not_regular(std::filesystem::file_type t) {
    using ft = std::filesystem::file_type;
    switch (t) {
        case ft::not_found: return "no such file";
        case ft::directory: return "is a directory, not a regular file";
        case ft::fifo: return "is a FIFO, not a regular file";
        case ft::socket: return "is a socket, not a regular file";
        case ft::block:
        case ft::character: return "is a device, not a regular file";
        default: return "is not a regular file";
    }
}

/// The whole content of a regular file; throws parse_error naming it when it is anything else
/// (directory, FIFO, device: refused before opening, so reading never blocks) or cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);  // follows symbolic links
    if (ec && st.type() != std::filesystem::file_type::not_found)
        throw parse_error({path.string(), 0, 0}, "cannot read file (" + ec.message() + ")");
    if (st.type() != std::filesystem::file_type::regular)
        throw parse_error({path.string(), 0, 0}, not_regular(st.type()));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw parse_error({path.string(), 0, 0}, "cannot open file for reading");
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0) throw parse_error({path.string(), 0, 0}, "cannot read file");
    std::string text(static_cast<std::size_t>(size), '\0');
    in.seekg(0, std::ios::beg);
    if (size > 0 && !in.read(text.data(), size)) throw parse_error({path.string(), 0, 0}, "cannot read file");
    return text;
}

/// "not UTF-8 (byte 0xFF)": the problem of a text whose first invalid byte is s[at].
inline std::string not_utf8(std::string_view s, std::size_t at) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[at])));
    return std::string("not UTF-8 (byte ") + hex + ")";
}

/// An indicator period as a loader reads it: absent when the text is not a period; refused as
/// out of range when it is one outside limits::in_range (the year 9999 too, whose end the
/// calendar cannot count, so parse_period refuses it: a period of that shape in another year
/// tells the two apart).
struct door_period {
    std::optional<date_period> period{};
    bool out_of_range = false;
};

inline door_period read_period(std::string_view s) {
    auto p = parse_period(s);
    if (!p) {
        std::string same_shape(s);
        if (same_shape.size() >= 4) same_shape.replace(0, 4, "2000");
        return {std::nullopt, same_shape != s && parse_period(same_shape).has_value()};
    }
    if (!limits::in_range(p->begin()) || !limits::in_range(p->last())) return {std::nullopt, true};
    return {p, false};
}

/// Runs `f`, translating a foreign exception (standard, Boost or nlohmann; not plangraph's own,
/// nor running out of memory) into a parse_error naming `where`.
template <class F>
decltype(auto) at_the_door(const std::string& where, F&& f) {
    try {
        return f();
    } catch (const error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        throw parse_error({where, 0, 0}, e.what());
    }
}

}  // namespace plangraph::detail
