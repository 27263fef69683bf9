#pragma once
// A small RFC 4180 reader: the whole file in one buffer, records split into string_views of
// it, no iostream and no allocation per cell. The text is only read, never written, so two
// threads may read two parts of one text at once; the rare cell that cannot be a view of the
// text (a quoted cell with doubled quotes, a cell whose bad bytes are replaced) is rewritten
// into a side list the caller keeps. Problems are reported, not thrown, so one pass finds all
// of them. Only regular files are read (a FIFO would block forever), and every cell is checked
// to be UTF-8 at the door, so nothing downstream meets bytes it cannot write.
#include "../error.hpp"
#include "door.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plangraph::detail {

/// Cells the reader rewrote, each its own string: a list, so neither adding a cell nor
/// splicing in another list moves one (rows keep views of them).
using csv_rewrites = std::list<std::string>;

/// Reports each cell of a record that is not UTF-8 (at its line and column, naming the first bad
/// byte) and replaces it by a copy in `side` whose bad bytes are '?', so the problem messages
/// that quote the cell later stay UTF-8.
inline void refuse_invalid_utf8(std::vector<std::string_view>& cells, std::size_t line, const std::string& file,
                                std::vector<problem>& out, csv_rewrites& side) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
        auto at = first_invalid_utf8(cells[k]);
        if (!at) continue;
        out.push_back({problem_kind::malformed, not_utf8(cells[k], *at), {}, {file, line, k + 1}});
        std::string& cell = side.emplace_back(cells[k]);
        for (std::size_t i = *at; i < cell.size();) {
            std::size_t start = i;
            if (decode_utf8(cell, i)) continue;
            cell[start] = '?';
            i = start + 1;
        }
        cells[k] = cell;
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

/// The bytes that end an unquoted cell, or may: ',', '\n' and '\r' (which ends it only before '\n').
inline constexpr std::array<bool, 256> csv_cell_stops = [] {
    std::array<bool, 256> stops{};
    stops[','] = stops['\n'] = stops['\r'] = true;
    return stops;
}();

/// Where the unquoted cell starting at p ends: the first ',', '\n' or "\r\n" (or `end`).
/// A byte at a time through a table: cells are short (six bytes on average in tasks.csv), and
/// eight bytes at a time (SWAR) measured 40 % slower on them.
inline const char* unquoted_cell_end(const char* p, const char* end) {
    for (;; ++p) {
        while (p < end && !csv_cell_stops[static_cast<unsigned char>(*p)]) ++p;
        if (p == end || *p != '\r' || (p + 1 < end && p[1] == '\n')) return p;
    }
}

/// Reads a quoted cell whose text starts at p (just past the opening quote): returns the
/// closing quote, or nullptr when there is none; counts the line breaks in it into `line`. A
/// cell with doubled quotes is unescaped into `side`, else `cell` is a view of the text.
inline const char* read_quoted_cell(const char* p, const char* end, std::size_t& line, std::string_view& cell,
                                    csv_rewrites& side) {
    const char* const start = p;
    std::string* unescaped = nullptr;
    for (;;) {
        const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        line += static_cast<std::size_t>(std::count(p, q ? q : end, '\n'));
        if (!q) return nullptr;
        if (q + 1 < end && q[1] == '"') {  // a doubled quote: one quote of the cell's text
            if (!unescaped) unescaped = &side.emplace_back(start, q + 1);
            else unescaped->append(p, q + 1);
            p = q + 2;
            continue;
        }
        if (unescaped) unescaped->append(p, q);
        cell = unescaped ? std::string_view(*unescaped) : std::string_view(start, static_cast<std::size_t>(q - start));
        return q;
    }
}

/// Reads the records of `text` from `from` on, calling `on_record(const csv_record&)` for each
/// non-blank one, until the text ends, a record would start at or after byte `stop`, or
/// `on_record` returns false; returns where it stopped. text[from, utf8_until) is known to be
/// UTF-8: the cells of a record that ends past it are checked. Rewritten cells go to `side`.
/// Each record is read the same wherever reading started, so two readers starting at record
/// boundaries agree with one.
template <class OnRecord>
csv_cursor read_csv_records(std::string_view text, csv_cursor from, std::size_t stop, std::size_t utf8_until,
                            const std::string& file, std::vector<problem>& out, csv_rewrites& side,
                            OnRecord&& on_record) {
    const char* const begin = text.data();
    const char* p = begin + from.offset;
    const char* const end = begin + text.size();
    const char* const stop_at = begin + std::min(stop, text.size());
    const char* const checked_to = begin + std::min(utf8_until, text.size());
    std::vector<std::string_view> cells;
    std::size_t line = from.line;
    while (p < end && p < stop_at) {
        const std::size_t record_line = line;
        cells.clear();
        bool record_done = false;
        while (!record_done) {
            std::size_t column = cells.size() + 1;
            if (p < end && *p == '"') {
                const std::size_t open_line = line;
                std::string_view cell;
                const char* close = read_quoted_cell(p + 1, end, line, cell, side);
                if (!close) {
                    out.push_back({problem_kind::malformed,
                                   std::string("unterminated quoted cell (the quote opened on line ")
                                       .append(std::to_string(open_line))
                                       .append(" is never closed)"),
                                   {}, {file, open_line, column}});
                    return {text.size(), line};  // the rest of the file is inside the quote: nothing more to read
                }
                p = close + 1;
                if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                    const char* junk = p;
                    while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
                    out.push_back({problem_kind::malformed,
                                   std::string("unexpected text '").append(junk, p).append("' after a closing quote"),
                                   {}, {file, line, column}});
                }
                cells.push_back(cell);
            } else {
                const char* start = p;
                p = unquoted_cell_end(p, end);
                const char* stop_cell = p;
                if (p == end && stop_cell > start && stop_cell[-1] == '\r') --stop_cell;  // CR ending the file
                cells.emplace_back(start, static_cast<std::size_t>(stop_cell - start));
            }
            if (p >= end) {
                record_done = true;
            } else if (*p == ',') {
                ++p;
            } else {  // '\r\n', '\n', or after a closing quote a lone '\r'
                if (*p == '\r') ++p;
                // Only a '\n' is skipped: the byte after a lone '\r' starts the next record (it
                // was skipped too, and when it began a UTF-8 letter, the next cell began with
                // half a letter that the check of the whole text had passed).
                if (p < end && *p == '\n') ++p;
                ++line;
                record_done = true;
            }
        }
        if (p > checked_to) refuse_invalid_utf8(cells, record_line, file, out, side);
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
inline csv_cursor csv_start(std::string_view text) {
    return {text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3u : 0u, 1};
}

/// How far text[from, end) is UTF-8: `end`, or the offset of its first invalid byte.
inline std::size_t utf8_until(std::string_view text, std::size_t from, std::size_t end) {
    const auto bad = first_invalid_utf8(text.substr(from, end - from));
    return bad ? from + *bad : end;
}

/// Splits `text` into records and calls `on_record(const csv_record&)` for each non-blank
/// one; its cells stay valid until this returns. A UTF-8 BOM is skipped; LF and CRLF both end
/// a record; quoted cells may hold commas, doubled quotes and line breaks. Malformed quoting
/// is added to `out` for `file`.
template <class OnRecord>
void for_each_csv_record(std::string_view text, const std::string& file, std::vector<problem>& out,
                         OnRecord&& on_record) {
    csv_rewrites side;
    const csv_cursor start = csv_start(text);
    read_csv_records(text, start, text.size(), utf8_until(text, start.offset, text.size()), file, out, side, on_record);
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
