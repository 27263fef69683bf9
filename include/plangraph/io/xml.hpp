#pragma once
// Escaping for XML written by hand (MSPDI export, XHTML pages): small enough to need no library.
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

}  // namespace plangraph::io
