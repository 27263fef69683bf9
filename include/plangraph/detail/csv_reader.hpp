#pragma once
// A small RFC 4180 reader: the whole file in one buffer, records split in place into
// string_views (a quoted cell with doubled quotes is unescaped over its own bytes, which are
// never read again), no iostream and no allocation per cell. Problems are reported, not thrown,
// so one pass finds all of them. Only regular files are read (a FIFO would block forever), and
// every cell is checked to be UTF-8 at the door, so nothing downstream meets bytes it cannot write.
#include "../error.hpp"
#include "door.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plangraph::detail {

/// Reports each cell of a record that is not UTF-8 (at its line and column, naming the first bad
/// byte) and overwrites its bad bytes with '?' in place, so the problem messages that quote the
/// cell later stay UTF-8. Only called when the file as a whole is not UTF-8.
inline void refuse_invalid_utf8(std::string& text, std::vector<std::string_view>& cells, std::size_t line,
                                const std::string& file, std::vector<problem>& out) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
        auto at = first_invalid_utf8(cells[k]);
        if (!at) continue;
        char* cell = text.data() + (cells[k].data() - text.data());
        out.push_back({problem_kind::malformed, not_utf8(cells[k], *at), {}, {file, line, k + 1}});
        for (std::size_t i = *at; i < cells[k].size();) {
            std::size_t start = i;
            if (decode_utf8(cells[k], i)) continue;
            cell[start] = '?';
            i = start + 1;
        }
    }
}

/// One record: its cells and the physical line on which it starts (1-based).
struct csv_record {
    std::span<const std::string_view> cells{};
    std::size_t line = 0;
};

/// Where reading stands: a byte offset into the text and the physical line there (1-based).
struct csv_cursor {
    std::size_t offset = 0;
    std::size_t line = 1;
    bool operator==(const csv_cursor&) const = default;
};

/// Reads the records of `text` (modified in place) from `from` on, calling `on_record(const
/// csv_record&)` for each non-blank one, until the text ends, a record would start at or after
/// byte `stop`, or `on_record` returns false; returns where it stopped. `utf8` says the text is
/// known to be UTF-8 (else each record's cells are checked). Each record is read the same
/// wherever reading started, so two readers starting at record boundaries agree with one.
template <class OnRecord>
csv_cursor read_csv_records(std::string& text, csv_cursor from, std::size_t stop, bool utf8, const std::string& file,
                            std::vector<problem>& out, OnRecord&& on_record) {
    char* const begin = text.data();
    char* p = begin + from.offset;
    char* const end = begin + text.size();
    char* const stop_at = begin + std::min(stop, text.size());
    std::vector<std::string_view> cells;
    std::size_t line = from.line;
    while (p < end && p < stop_at) {
        const std::size_t record_line = line;
        cells.clear();
        bool record_done = false;
        while (!record_done) {
            std::size_t column = cells.size() + 1;
            if (p < end && *p == '"') {
                // Quoted cell: unescape into [start, w) over the bytes already read.
                const std::size_t open_line = line;
                char* start = ++p;
                char* w = start;
                bool closed = false;
                while (p < end) {
                    char c = *p++;
                    if (c == '"') {
                        if (p < end && *p == '"') { *w++ = '"'; ++p; continue; }
                        closed = true;
                        break;
                    }
                    if (c == '\n') ++line;
                    *w++ = c;
                }
                if (!closed) {
                    out.push_back({problem_kind::malformed,
                                   "unterminated quoted cell (the quote opened on line " +
                                       std::to_string(open_line) + " is never closed)",
                                   {}, {file, open_line, column}});
                    return {text.size(), line};  // the rest of the file is inside the quote: nothing more to read
                }
                if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                    char* junk = p;
                    while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
                    out.push_back({problem_kind::malformed,
                                   "unexpected text '" + std::string(junk, p) + "' after a closing quote",
                                   {}, {file, line, column}});
                }
                cells.emplace_back(start, static_cast<std::size_t>(w - start));
            } else {
                char* start = p;
                while (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) ++p;
                char* stop_cell = p;
                if (p == end && stop_cell > start && stop_cell[-1] == '\r') --stop_cell;  // CR ending the file
                cells.emplace_back(start, static_cast<std::size_t>(stop_cell - start));
            }
            if (p >= end) {
                record_done = true;
            } else if (*p == ',') {
                ++p;
            } else {  // '\r\n' or '\n'
                if (*p == '\r') ++p;
                ++p;
                ++line;
                record_done = true;
            }
        }
        if (!utf8) refuse_invalid_utf8(text, cells, record_line, file, out);
        bool blank = cells.size() == 1 && cells.front().empty();
        if (blank) continue;
        if constexpr (std::is_same_v<decltype(on_record(csv_record{})), bool>) {
            if (!on_record(csv_record{cells, record_line})) break;
        } else {
            on_record(csv_record{cells, record_line});
        }
    }
    return {static_cast<std::size_t>(std::min(p, end) - begin), line};
}

/// Where the records of `text` start: after a UTF-8 BOM, if any.
inline csv_cursor csv_start(const std::string& text) {
    return {text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3u : 0u, 1};
}

/// Splits `text` (modified in place) into records and calls `on_record(const csv_record&)` for
/// each non-blank one. A UTF-8 BOM is skipped; LF and CRLF both end a record; quoted cells may
/// hold commas, doubled quotes and line breaks. Malformed quoting is added to `out` for `file`.
template <class OnRecord>
void for_each_csv_record(std::string& text, const std::string& file, std::vector<problem>& out,
                         OnRecord&& on_record) {
    const bool utf8 = !first_invalid_utf8(text);  // the usual case: no cell needs checking
    read_csv_records(text, csv_start(text), text.size(), utf8, file, out, on_record);
}

/// True when `s` needs quotes in a CSV cell.
inline bool csv_needs_quotes(std::string_view s) {
    return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

/// Appends `s` as one CSV cell, quoted when needed.
inline void append_csv_cell(std::string& out, std::string_view s) {
    if (!csv_needs_quotes(s)) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace plangraph::detail
