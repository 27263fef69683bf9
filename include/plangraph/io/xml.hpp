#pragma once
// XML by hand, where a library would be too much or too trusting: escaping for what we write
// (MSPDI export, XHTML pages), and a flat scan of what we read that measures the nesting before a
// recursive parser (Boost.PropertyTree's) sees the text, so no input can exhaust the stack.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plangraph::io {

/// XML character data and attribute values: & < > " ' escaped; characters XML 1.0 forbids
/// (control characters but tab, LF, CR) dropped.
inline std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

/// An element too deeply nested: the 1-based line of its start tag.
struct xml_too_deep {
    std::size_t line;
};

/// Walks the start tags of an XML text in one pass, iteratively: calls on_element(depth, name,
/// line) for each (the root at depth 1) and stops at the first element deeper than max_depth.
/// Comments, CDATA, processing instructions, the DOCTYPE and quoted attribute values are skipped;
/// malformed text is left for the parser to report.
template <class OnElement>
std::optional<xml_too_deep> scan_xml_elements(std::string_view text, int max_depth, OnElement&& on_element) {
    std::size_t line = 1, i = 0;
    int depth = 0;
    auto skip_past = [&](std::string_view end) {  // counts the lines it skips
        std::size_t at = text.find(end, i);
        std::size_t stop = at == std::string_view::npos ? text.size() : at + end.size();
        for (; i < stop; ++i) line += text[i] == '\n';
    };
    while (i < text.size()) {
        char c = text[i];
        if (c != '<') {
            line += c == '\n';
            ++i;
            continue;
        }
        std::string_view rest = text.substr(i);
        if (rest.starts_with("<!--")) {
            skip_past("-->");
        } else if (rest.starts_with("<![CDATA[")) {
            skip_past("]]>");
        } else if (rest.starts_with("<?")) {
            skip_past("?>");
        } else if (rest.starts_with("<!")) {  // DOCTYPE, with an internal subset in brackets
            int brackets = 0;
            for (; i < text.size() && !(text[i] == '>' && brackets == 0); ++i) {
                brackets += text[i] == '[' ? 1 : text[i] == ']' ? -1 : 0;
                line += text[i] == '\n';
            }
        } else if (rest.starts_with("</")) {
            if (depth > 0) --depth;  // a stray end tag is the parser's to report; depth stays >= 0
            skip_past(">");
        } else {
            const std::size_t tag_line = line;
            std::size_t name_end = i + 1;
            while (name_end < text.size() && std::string_view(" \t\r\n/>").find(text[name_end]) == std::string_view::npos)
                ++name_end;
            std::string_view name = text.substr(i + 1, name_end - i - 1);
            char quote = 0, last = 0;
            for (i = name_end; i < text.size(); ++i) {
                char k = text[i];
                line += k == '\n';
                if (quote) {
                    if (k == quote) quote = 0;
                } else if (k == '"' || k == '\'') {
                    quote = k;
                } else if (k == '>') {
                    break;
                } else if (k != ' ' && k != '\t' && k != '\r' && k != '\n') {
                    last = k;
                }
            }
            ++i;
            const int own = depth + 1;
            if (own > max_depth) return xml_too_deep{tag_line};
            if (last != '/') depth = own;  // an empty element <a/> closes itself
            on_element(own, name, tag_line);
        }
    }
    return std::nullopt;
}

}  // namespace plangraph::io
