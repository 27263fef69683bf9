#pragma once
// The interchange format (DESIGN.md): a model directory of CSV files.
//
//   units.csv (required)  id, parent, name [, level, weight]
//   plans.csv             id, unit, name [, parent, issued]
//   tasks.csv             id, unit, name [, plan, parent, start, due, duration, completed,
//                         percent, weight, status, recurring, constraint, constraint_date]
//   links.csv             from, to [, type, lag]
//   indicators.csv        id, unit, name [, plan, parent, aggregation, direction, target, actual,
//                         numerator, denominator, weight, period]
//   calendar.csv          date, working
//   successions.csv       from, to, date [, share]
//   resources.csv         id, capacity [, name, unit]
//   demands.csv           task, resource, amount
//
// units.csv may also carry valid_from and valid_to (succession.hpp). They and successions.csv
// are written only for a dated model, so an undated one is written exactly as before; likewise
// resources.csv and demands.csv only for a model with resources.
//
// read_model_dir() turns a directory into a draft and never throws for bad data: every bad cell,
// row or header is a problem with file, line and column, and reading goes on so all are found.
// load_model_dir() reads and builds, throwing invalid_model with every problem; write_model_dir()
// writes a model back so that reading it again gives an equal model. A table past 1 MB is read
// on two threads when the machine has two cores (read_threads), both in the one text, with the
// result of one; a table whose reading throws (std::bad_alloc) leaves the draft as it was.
//
// Results as CSV, for spreadsheets: rollup_csv() writes one row per unit of a rollup (on a map:
// the rows of report_rows, "(unmapped)" first in a dated model), schedule_csv() one row per
// scheduled task. Absent rates are empty cells, never NaN.
#include "../detail/csv_reader.hpp"
#include "../detail/viewed_draft.hpp"
#include "../draft.hpp"
#include "../limits.hpp"
#include "../model.hpp"
#include "../placement.hpp"
#include "../rollup.hpp"
#include "../schedule.hpp"
#include "../validate.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace plangraph {

/// The files of a model directory.
enum class model_file { units, plans, tasks, links, indicators, calendar, successions, resources, demands };

/// How many threads read a large table (past 1 MB of rows): `automatic` uses a second one when
/// the machine has more than one core. It decides by the machine and the input alone, never by
/// the moment's load, so the same input is read the same way; a caller who knows the machine
/// is busy (the second thread's extra work, moving its rows over, can cost more wall time than it
/// saves) asks for `one`. The rows and problems are the same either way.
enum class read_threads { automatic, one, two };

constexpr std::string_view file_name(model_file f) {
    constexpr std::string_view names[] = {"units.csv", "plans.csv",      "tasks.csv",
                                          "links.csv", "indicators.csv", "calendar.csv",
                                          "successions.csv", "resources.csv", "demands.csv"};
    return names[static_cast<int>(f)];
}

namespace detail {

/// A column of the header: its 0-based position (npos when the file lacks it) and name.
struct csv_column {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t pos = npos;
    std::string_view name{};
};

/// The known columns of each file; the first `required` of them must be present.
struct file_layout {
    std::span<const std::string_view> columns{};
    std::size_t required = 0;
};

inline constexpr std::string_view unit_columns[] = {"id", "parent", "name", "level", "weight", "valid_from", "valid_to"};
/// The columns of units.csv an undated model is written with.
inline constexpr std::size_t undated_unit_columns = 5;
inline constexpr std::string_view plan_columns[] = {"id", "unit", "name", "parent", "issued"};
inline constexpr std::string_view task_columns[] = {
    "id",        "unit",    "name",   "plan",      "parent",     "start",           "due", "duration",
    "completed", "percent", "weight", "status",    "recurring",  "constraint", "constraint_date"};
inline constexpr std::string_view link_columns[] = {"from", "to", "type", "lag"};
inline constexpr std::string_view indicator_columns[] = {
    "id",     "unit",   "name",      "plan",        "parent", "aggregation", "direction",
    "target", "actual", "numerator", "denominator", "weight", "period"};
inline constexpr std::string_view calendar_columns[] = {"date", "working"};
inline constexpr std::string_view succession_columns[] = {"from", "to", "date", "share"};
inline constexpr std::string_view resource_columns[] = {"id", "capacity", "name", "unit"};
inline constexpr std::string_view demand_columns[] = {"task", "resource", "amount"};

inline file_layout layout(model_file f) {
    switch (f) {
        case model_file::units: return {unit_columns, 3};
        case model_file::plans: return {plan_columns, 3};
        case model_file::tasks: return {task_columns, 3};
        case model_file::links: return {link_columns, 2};
        case model_file::indicators: return {indicator_columns, 3};
        case model_file::calendar: return {calendar_columns, 2};
        case model_file::successions: return {succession_columns, 3};
        case model_file::resources: return {resource_columns, 2};
        case model_file::demands: return {demand_columns, 3};
    }
    return {};
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

inline bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

inline std::string upper(std::string_view s) {
    std::string u(s);
    for (char& c : u)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return u;
}

/// A file's header row: names by position, and which of them the format does not know.
class csv_header {
public:
    csv_header(const csv_record& rec, const std::string& file, file_layout lay, std::vector<problem>& out) {
        names_.reserve(rec.cells.size());
        for (std::size_t i = 0; i < rec.cells.size(); ++i) {
            std::string_view name = trim(rec.cells[i]);
            auto first = std::find(names_.begin(), names_.end(), name);
            bool duplicate = first != names_.end();
            if (duplicate)
                out.push_back({problem_kind::malformed,
                               "duplicate column '" + std::string(name) + "' in the header (first in column " +
                                   std::to_string(first - names_.begin() + 1) + ")",
                               {std::string(name)}, {file, rec.line, i + 1}});
            bool known = std::find(lay.columns.begin(), lay.columns.end(), name) != lay.columns.end();
            if (!known && !duplicate && !name.empty()) extra_.push_back(i);
            names_.emplace_back(name);
        }
        for (std::size_t k = 0; k < lay.required; ++k)
            if (column(lay.columns[k]).pos == csv_column::npos) {
                out.push_back({problem_kind::missing_column,
                               "missing required column '" + std::string(lay.columns[k]) + "' in the header",
                               {std::string(lay.columns[k])}, {file, rec.line, 0}});
                complete_ = false;
            }
    }

    /// The first column of that name.
    csv_column column(std::string_view name) const {
        auto it = std::find(names_.begin(), names_.end(), name);
        return {it == names_.end() ? csv_column::npos : static_cast<std::size_t>(it - names_.begin()), name};
    }
    std::size_t size() const { return names_.size(); }
    const std::string& name(std::size_t pos) const { return names_[pos]; }
    /// Positions of the columns kept as user attributes.
    const std::vector<std::size_t>& extra() const { return extra_; }
    /// False when a required column is missing: the rows are then not read.
    bool complete() const { return complete_; }

    file_columns positions(const std::string& file) const {
        file_columns fc{file, {}};
        for (std::size_t i = 0; i < names_.size(); ++i) fc.column.try_emplace(names_[i], i + 1);
        return fc;
    }

private:
    std::vector<std::string> names_{};
    std::vector<std::size_t> extra_{};
    bool complete_ = true;
};

/// What a row of each file describes, and the columns naming it, for the problems of its cells.
struct row_subject {
    std::string_view kind{};
    csv_column key{}, to{};  // `to`: the second end of a link, or the resource of a demand
    std::string_view between = " -> ";
};

inline row_subject subject_of(model_file f, const csv_header& h) {
    switch (f) {
        case model_file::units: return {"unit", h.column("id"), {}};
        case model_file::plans: return {"plan", h.column("id"), {}};
        case model_file::tasks: return {"task", h.column("id"), {}};
        case model_file::links: return {"link", h.column("from"), h.column("to")};
        case model_file::indicators: return {"indicator", h.column("id"), {}};
        case model_file::successions: return {"succession", h.column("from"), h.column("to")};
        case model_file::resources: return {"resource", h.column("id"), {}};
        case model_file::demands: return {"demand of task", h.column("task"), h.column("resource"), " on resource "};
        case model_file::calendar: return {};
    }
    return {};
}

/// One data row being read: typed access to its cells; a bad cell becomes a problem (naming the
/// row's id) and reads as absent. Numbers are converted checked (std::from_chars): a value that
/// does not fit its type is refused, never wrapped or defaulted.
class row_cells {
public:
    row_cells(const csv_record& rec, const std::string& file, std::vector<problem>& out, row_subject subject = {})
        : rec_(rec), file_(file), out_(out), subject_(subject) {}

    std::size_t line() const { return rec_.line; }
    std::string_view text(csv_column c) const { return c.pos < rec_.cells.size() ? rec_.cells[c.pos] : std::string_view{}; }
    std::string str(csv_column c) const { return std::string(text(c)); }

    std::optional<date> day(csv_column c) const {
        auto s = text(c);
        if (s.empty()) return std::nullopt;
        if (auto d = parse_date(s)) return d;
        bad(c, "date", "YYYY-MM-DD");
        return std::nullopt;
    }
    /// A date the model keeps as it is (calendar, a plan's issue date): within limits::in_range.
    std::optional<date> bounded_day(csv_column c) const {
        auto d = day(c);
        if (!d || limits::in_range(*d)) return d;
        out_of_range(c, "date");
        return std::nullopt;
    }
    /// An indicator period (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD) within limits::in_range.
    std::optional<date_period> period(csv_column c) const {
        auto s = text(c);
        if (s.empty()) return std::nullopt;
        auto p = read_period(s);
        if (p.period) return p.period;
        if (p.out_of_range)
            out_of_range(c, "period");
        else
            bad(c, "period", "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD");
        return std::nullopt;
    }
    std::optional<double> number(csv_column c) const { return convert<double>(c, "number", ""); }
    std::optional<int> integer(csv_column c) const { return convert<int>(c, "integer", "a whole number of days"); }
    std::optional<bool> boolean(csv_column c) const {
        auto s = text(c);
        if (s.empty()) return std::nullopt;
        if (iequals(s, "true") || s == "1") return true;
        if (iequals(s, "false") || s == "0") return false;
        bad(c, "boolean", "true or false");
        return std::nullopt;
    }
    /// A value of a closed set: `parse` returns an optional; `what`/`expected` word the problem.
    template <class Parse>
    auto choice(csv_column c, Parse parse, std::string_view what, std::string_view expected) const
        -> decltype(parse(std::string_view{})) {
        auto s = text(c);
        if (s.empty()) return std::nullopt;
        if (auto v = parse(s)) return v;
        bad(c, what, expected);
        return std::nullopt;
    }
    /// A cell that must not be empty.
    bool present(csv_column c, std::string_view expected) const {
        if (!text(c).empty()) return true;
        out_.push_back({problem_kind::malformed,
                        "missing value in column " + std::string(c.name) + " (expected " + std::string(expected) + ")",
                        {}, {file_, rec_.line, c.pos + 1}});
        return false;
    }
    void problem_at(csv_column c, problem_kind kind, std::string message) const {
        out_.push_back({kind, std::move(message), {}, {file_, rec_.line, c.pos == csv_column::npos ? 0 : c.pos + 1}});
    }

    /// The cells of the extra columns, as the row's attributes (empty cells are absent).
    attributes extras(const csv_header& h) const {
        attributes a;
        for (auto pos : h.extra())
            if (pos < rec_.cells.size() && !rec_.cells[pos].empty())
                a.items.emplace_back(h.name(pos), std::string(rec_.cells[pos]));
        return a;
    }

private:
    template <class Number>
    std::optional<Number> convert(csv_column c, std::string_view what, std::string_view expected) const {
        auto s = text(c);
        if (s.empty()) return std::nullopt;
        Number v{};
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc{} && p == s.data() + s.size()) return v;
        if (ec == std::errc::result_out_of_range && p == s.data() + s.size())
            out_of_range(c, what);
        else
            bad(c, what, expected);
        return std::nullopt;
    }
    /// " of task T1", " of link A -> B", or nothing when the row has no id.
    std::string subject() const {
        auto key = text(subject_.key);
        if (subject_.kind.empty() || key.empty()) return {};
        std::string s = " of " + std::string(subject_.kind) + " " + std::string(key);
        if (subject_.to.pos != csv_column::npos) s += std::string(subject_.between) + std::string(text(subject_.to));
        return s;
    }
    void add(csv_column c, std::string message, problem_kind kind = problem_kind::malformed) const {
        std::vector<std::string> ids;
        if (auto key = text(subject_.key); !key.empty()) ids.emplace_back(key);
        out_.push_back({kind, std::move(message), std::move(ids), {file_, rec_.line, c.pos + 1}});
    }
    void bad(csv_column c, std::string_view what, std::string_view expected) const {
        std::string msg = "bad " + std::string(what) + " '" + std::string(text(c)) + "' in column " + std::string(c.name) + subject();
        if (!expected.empty()) msg += " (expected " + std::string(expected) + ")";
        add(c, std::move(msg));
    }
    void out_of_range(csv_column c, std::string_view what) const {
        std::string range = what == "integer" ? "-2147483648..2147483647"
                            : what == "number" ? "beyond a double"
                                               : format_date(limits::min_date()) + ".." + format_date(limits::max_date());
        add(c, std::string(what) + " '" + std::string(text(c)) + "' in column " + std::string(c.name) + subject() +
                   " is out of range (" + range + ")",
            problem_kind::out_of_range);
    }

    const csv_record& rec_;
    const std::string& file_;
    std::vector<problem>& out_;
    row_subject subject_;
};

/// Newlines in text[from, to): an upper bound on the records there, to reserve them at once (a
/// 1M-row vector grown by doubling would move every row about twice). Eight bytes at a time:
/// std::count, a byte at a time, took 20 ms for the 87 MB of a million tasks, this 6.
inline std::size_t newlines(std::string_view text, std::size_t from, std::size_t to) {
    constexpr std::uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
    std::size_t n = 0, i = from;
    for (; to - i >= 8; i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text.data() + i, sizeof w);
        const std::uint64_t x = w ^ (ones * '\n');
        const std::uint64_t zero = ~(((x & low7) + low7) | x | low7);  // 0x80 in each byte that was '\n'
        n += static_cast<std::size_t>(((zero >> 7) * ones) >> 56);
    }
    for (; i < to; ++i) n += text[i] == '\n';
    return n;
}

/// Below this many bytes of rows a table is read on one thread: a second one would not pay.
inline constexpr std::size_t parallel_read_bytes = std::size_t(1) << 20;

/// Whether `bytes` of rows are read on two threads (see read_threads).
inline bool two_threads(std::size_t bytes, read_threads threads) {
    if (bytes < parallel_read_bytes || threads == read_threads::one) return false;
    return threads == read_threads::two || std::thread::hardware_concurrency() > 1;
}

/// Where a second thread may start reading the rows text[from, end): just after the first
/// newline past the middle, or npos when the rows are too few to share or `threads` says one.
/// Only a guess (the newline may be inside a quoted cell): read_table checks it.
inline std::size_t split_point(std::string_view text, std::size_t from, read_threads threads) {
    if (!two_threads(text.size() - from, threads)) return std::string::npos;
    const auto newline = text.find('\n', from + (text.size() - from) / 2);
    return newline == std::string::npos || newline + 1 >= text.size() ? std::string::npos : newline + 1;
}

/// Where the cells a reading rewrites are kept: `own`, which lives as long as the reading (the
/// rows copy their cells), or, for a draft whose rows view their text, the draft's texts.
inline csv_rewrites& rewrites_of(model_draft&, csv_rewrites& own) { return own; }
inline csv_rewrites& rewrites_of(viewed_draft& d, csv_rewrites&) { return d.texts; }

/// Moves the rows, problems and kept texts of `from` (the second half) after those of `d`.
template <class Draft, class Rows>
void append_half(Draft& d, Rows Draft::*rows, Draft& from) {
    (d.*rows).insert((d.*rows).end(), std::make_move_iterator((from.*rows).begin()),
                     std::make_move_iterator((from.*rows).end()));
    d.problems.insert(d.problems.end(), std::make_move_iterator(from.problems.begin()),
                      std::make_move_iterator(from.problems.end()));
    if constexpr (std::is_same_v<Draft, viewed_draft>) d.texts.splice(d.texts.end(), from.texts);
}

/// Reads the rows text[body, end) into `d.*rows` on two threads, the second from `middle` (see
/// read_table), both in `text`, which neither writes; `read_rows` reads rows as read_table's
/// does. Returns false, having read nothing, when no second thread can be started. On every
/// way out the second thread has been joined; an exception of either thread comes out here
/// (read_table then takes back the rows).
template <class Draft, class Rows, class ReadRows>
bool read_on_two_threads(Draft& d, Rows Draft::*rows, std::string_view text, csv_cursor body,
                         std::size_t middle, const ReadRows& read_rows) {
    const std::size_t first_lines = newlines(text, body.offset, middle), last_lines = newlines(text, middle, text.size());
    Draft second_half;
    const csv_cursor tail_start{middle, body.line + first_lines};
    std::size_t tail_utf8 = middle;  // how far the second half is UTF-8, once it is checked
    std::exception_ptr failed;       // the second thread's, rethrown once it is joined
    std::thread second;
    try {
        second = std::thread([&] {
            try {
                tail_utf8 = utf8_until(text, middle, text.size());
                (second_half.*rows).reserve(last_lines + 1);
                read_rows(second_half, tail_start, text.size(), tail_utf8);
            } catch (...) {
                failed = std::current_exception();
            }
        });
    } catch (...) {  // std::system_error or std::bad_alloc: no thread, nothing read
        return false;
    }
    csv_cursor stopped;
    try {
        (d.*rows).reserve((d.*rows).size() + first_lines + last_lines + 1);
        // A record crossing the middle (when the guess fails) ends past the part checked here,
        // so its cells are checked one by one.
        stopped = read_rows(d, body, middle, utf8_until(text, body.offset, middle));
    } catch (...) {
        second.join();
        throw;
    }
    second.join();
    if (failed) std::rethrow_exception(failed);
    if (stopped == tail_start)
        append_half(d, rows, second_half);
    else  // the guess failed: the second half's work is dropped, and the rest is read here
        read_rows(d, stopped, text.size(), tail_utf8);
    return true;
}

/// Reads one table into `d.*rows`: checks the header, then for each row checks its width and
/// calls the row function that `make_row(draft, header)` returns, which adds the row to `draft`.
/// Returns the header's column positions.
///
/// A large table's rows are read on two threads: a second one reads the second half (from a
/// newline past the middle) into a draft of its own while this one reads the first half. The
/// guess holds when this thread, reading from the start, reaches that byte exactly at the
/// start of a record and on the line the second thread started from: every record is then read
/// exactly as one thread would read it, and the second half's rows and problems come after the
/// first's, in file order. Otherwise (the newline was inside a quoted cell) the second thread's
/// work is dropped and this one reads on. Either way the result is that of one thread.
template <class Draft, class Rows, class MakeRow>
file_columns read_table_rows(Draft& d, Rows Draft::*rows, std::string_view text,
                             const std::string& file, model_file which, read_threads threads, MakeRow make_row) {
    const std::size_t problems_before = d.problems.size();
    std::optional<csv_header> header;
    csv_rewrites header_side;  // the header's names are copied
    const csv_cursor body = read_csv_records(text, csv_start(text), text.size(), 0, file, d.problems, header_side,
                                             [&](const csv_record& rec) {
                                                 header.emplace(rec, file, layout(which), d.problems);
                                                 return false;
                                             });
    if (!header) {
        if (which == model_file::units && d.problems.size() == problems_before)
            d.problems.push_back({problem_kind::missing_column, "empty file: expected a header row (id, parent, name)", {}, {file, 1, 0}});
        return {file, {}};
    }
    const row_subject subject = subject_of(which, *header);
    // Reads rows of `text` from `from` to `stop` into `into`; `utf8`: as read_csv_records.
    auto read_rows = [&](Draft& into, csv_cursor from, std::size_t stop, std::size_t utf8) {
        using row_fn = std::invoke_result_t<MakeRow&, Draft&, const csv_header&>;
        std::optional<row_fn> on_row;
        if (header->complete()) on_row.emplace(make_row(into, *header));
        csv_rewrites own;
        return read_csv_records(text, from, stop, utf8, file, into.problems, rewrites_of(into, own), [&](const csv_record& rec) {
            if (!on_row) return;  // a required column is missing: the rows cannot be read
            if (rec.cells.size() != header->size())
                into.problems.push_back({problem_kind::malformed,
                                         "row has " + std::to_string(rec.cells.size()) + " cells but the header has " +
                                             std::to_string(header->size()),
                                         {}, {file, rec.line, std::min(rec.cells.size(), header->size()) + 1}});
            (*on_row)(row_cells(rec, file, into.problems, subject));
        });
    };
    const std::size_t middle = split_point(text, body.offset, threads);
    if (middle == std::string::npos || !read_on_two_threads(d, rows, text, body, middle, read_rows)) {
        (d.*rows).reserve((d.*rows).size() + newlines(text, body.offset, text.size()) + 1);
        read_rows(d, body, text.size(), utf8_until(text, body.offset, text.size()));
    }
    return header->positions(file);
}

/// read_table_rows, all or nothing: when reading throws (std::bad_alloc, on either thread), the
/// draft's rows and problems are as they were, so no table is ever half read.
template <class Draft, class Rows, class MakeRow>
file_columns read_table(Draft& d, Rows Draft::*rows, std::string_view text, const std::string& file,
                        model_file which, read_threads threads, MakeRow make_row) {
    const std::size_t rows_before = (d.*rows).size(), problems_before = d.problems.size();
    try {
        return read_table_rows(d, rows, text, file, which, threads, std::move(make_row));
    } catch (...) {
        (d.*rows).erase((d.*rows).begin() + static_cast<std::ptrdiff_t>(rows_before), (d.*rows).end());
        d.problems.erase(d.problems.begin() + static_cast<std::ptrdiff_t>(problems_before), d.problems.end());
        throw;
    }
}

inline std::string_view aggregation_names() {
    return "sum, mean, weighted_mean, ratio, min, max, last or count_met";
}

inline void read_units(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.unit_columns = read_table(draft, &model_draft::units, text, file, model_file::units, threads, [](model_draft& d, const csv_header& h) {
        return [&d, &h, id = h.column("id"), parent = h.column("parent"), name = h.column("name"),
                level = h.column("level"), weight = h.column("weight"), valid_from = h.column("valid_from"),
                valid_to = h.column("valid_to")](const row_cells& r) {
            unit_row row;
            row.value.key = r.str(id);
            row.value.name = r.str(name);
            row.parent = r.str(parent);
            row.level = r.str(level);
            if (auto w = r.number(weight)) row.value.weight = *w;
            row.value.valid_from = r.day(valid_from);
            row.value.valid_to = r.day(valid_to);
            row.line = r.line();
            row.extra = r.extras(h);
            d.units.push_back(std::move(row));
        };
    });
}

inline void read_plans(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.plan_columns = read_table(draft, &model_draft::plans, text, file, model_file::plans, threads, [](model_draft& d, const csv_header& h) {
        return [&d, id = h.column("id"), unit = h.column("unit"), name = h.column("name"),
                parent = h.column("parent"), issued = h.column("issued")](const row_cells& r) {
            plan_row row;
            row.value.key = r.str(id);
            row.value.name = r.str(name);
            row.unit = r.str(unit);
            row.parent = r.str(parent);
            row.value.issued = r.bounded_day(issued);
            row.line = r.line();
            d.plans.push_back(std::move(row));
        };
    });
}

/// Reads tasks.csv into the draft's task rows: task_rows owning their strings (model_draft) or
/// views into `text` and the draft's texts (viewed_draft); `text` must then outlive them.
template <class Draft>
void read_tasks(Draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.task_columns = read_table(draft, &Draft::tasks, text, file, model_file::tasks, threads, [](Draft& d, const csv_header& h) {
        struct cols {
            csv_column id, unit, name, plan, parent, start, due, duration, completed, percent, weight,
                status, recurring, constraint, constraint_date;
        } c{h.column("id"),        h.column("unit"),     h.column("name"),      h.column("plan"),
            h.column("parent"),    h.column("start"),    h.column("due"),       h.column("duration"),
            h.column("completed"), h.column("percent"),  h.column("weight"),    h.column("status"),
            h.column("recurring"), h.column("constraint"), h.column("constraint_date")};
        return [&d, &h, c](const row_cells& r) {
            auto& row = d.tasks.emplace_back();  // filled in place: a row is 184 bytes or more
            auto& t = row.value;
            t.key = r.text(c.id);
            t.name = r.text(c.name);
            row.unit = r.text(c.unit);
            row.plan = r.text(c.plan);
            row.parent = r.text(c.parent);
            t.start = r.day(c.start);
            t.due = r.day(c.due);
            t.completed = r.day(c.completed);
            if (auto v = r.integer(c.duration)) t.duration = *v;
            if (auto v = r.number(c.percent)) t.percent = *v;
            if (auto v = r.number(c.weight)) t.weight = *v;
            if (auto v = r.boolean(c.recurring)) t.recurring = *v;
            t.cancelled = r.choice(
                              c.status,
                              [](std::string_view s) { return iequals(s, "cancelled") ? std::optional<bool>(true) : std::nullopt; },
                              "status", "cancelled or empty")
                              .value_or(false);
            auto kind = r.choice(
                c.constraint, [](std::string_view s) { return parse_constraint_kind(upper(s)); }, "constraint",
                "ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO or MFO");
            t.constraint.on = r.day(c.constraint_date);
            if (kind) t.constraint.kind = *kind;
            else if (t.constraint.on && r.text(c.constraint).empty())
                r.problem_at(c.constraint_date, problem_kind::malformed,
                             "constraint_date given without a constraint in column constraint");
            row.line = r.line();
            row.extra = r.extras(h);
        };
    });
}

inline void read_links(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.link_columns = read_table(draft, &model_draft::links, text, file, model_file::links, threads, [](model_draft& d, const csv_header& h) {
        return [&d, from = h.column("from"), to = h.column("to"), type = h.column("type"),
                lag = h.column("lag")](const row_cells& r) {
            link_row row;
            row.from = r.str(from);
            row.to = r.str(to);
            if (auto t = r.choice(type, [](std::string_view s) { return parse_link_type(upper(s)); },
                                  "link type", "FS, SS, FF or SF"))
                row.value.type = *t;
            if (auto v = r.integer(lag)) row.value.lag = *v;
            row.line = r.line();
            d.links.push_back(std::move(row));
        };
    });
}

inline void read_indicators(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.indicator_columns = read_table(draft, &model_draft::indicators, text, file, model_file::indicators, threads, [](model_draft& d, const csv_header& h) {
        struct cols {
            csv_column id, unit, name, plan, parent, agg, dir, target, actual, numerator, denominator, weight, period;
        } c{h.column("id"),     h.column("unit"),      h.column("name"),        h.column("plan"),
            h.column("parent"), h.column("aggregation"), h.column("direction"), h.column("target"),
            h.column("actual"), h.column("numerator"), h.column("denominator"), h.column("weight"),
            h.column("period")};
        return [&d, &h, c](const row_cells& r) {
            indicator_row row;
            indicator& x = row.value;
            x.key = r.str(c.id);
            x.name = r.str(c.name);
            row.unit = r.str(c.unit);
            row.plan = r.str(c.plan);
            row.parent = r.str(c.parent);
            if (auto a = r.choice(c.agg, [](std::string_view s) { return parse_aggregation(s); }, "aggregation",
                                  aggregation_names()))
                x.agg = *a;
            if (auto v = r.choice(c.dir, [](std::string_view s) { return parse_direction(s); }, "direction",
                                  "higher or lower"))
                x.dir = *v;
            x.target = r.number(c.target);
            x.actual = r.number(c.actual);
            x.numerator = r.number(c.numerator);
            x.denominator = r.number(c.denominator);
            if (auto w = r.number(c.weight)) x.weight = *w;
            x.period = r.period(c.period);
            row.line = r.line();
            row.extra = r.extras(h);
            d.indicators.push_back(std::move(row));
        };
    });
}

inline void read_calendar(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.calendar_columns = read_table(draft, &model_draft::calendar, text, file, model_file::calendar, threads, [](model_draft& d, const csv_header& h) {
        return [&d, day = h.column("date"), working = h.column("working")](const row_cells& r) {
            bool has_day = r.present(day, "YYYY-MM-DD");
            bool has_working = r.present(working, "true or false");
            auto dd = has_day ? r.bounded_day(day) : std::nullopt;
            auto w = has_working ? r.boolean(working) : std::nullopt;
            if (!dd || !w) return;  // already reported
            d.calendar.push_back({*dd, *w, r.line()});
        };
    });
}

inline void read_successions(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.succession_table = true;
    draft.succession_columns = read_table(draft, &model_draft::successions, text, file, model_file::successions, threads, [](model_draft& d, const csv_header& h) {
        return [&d, from = h.column("from"), to = h.column("to"), day = h.column("date"),
                share = h.column("share")](const row_cells& r) {
            succession_row row;
            row.from = r.str(from);
            row.to = r.str(to);
            auto on = r.present(day, "YYYY-MM-DD") ? r.day(day) : std::nullopt;
            if (!on) return;  // already reported
            row.value.on = *on;
            row.value.share = r.number(share);
            row.line = r.line();
            d.successions.push_back(std::move(row));
        };
    });
}

inline void read_resources(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.resource_columns = read_table(draft, &model_draft::resources, text, file, model_file::resources, threads, [](model_draft& d, const csv_header& h) {
        return [&d, id = h.column("id"), capacity = h.column("capacity"), name = h.column("name"),
                unit = h.column("unit")](const row_cells& r) {
            resource_row row;
            row.value.key = r.str(id);
            row.value.name = r.str(name);
            row.unit = r.str(unit);
            auto c = r.present(capacity, "a whole number") ? r.number(capacity) : std::nullopt;
            if (!c) return;  // already reported
            row.capacity = *c;
            row.line = r.line();
            d.resources.push_back(std::move(row));
        };
    });
}

inline void read_demands(model_draft& draft, std::string_view text, const std::string& file, read_threads threads) {
    draft.demand_columns = read_table(draft, &model_draft::demands, text, file, model_file::demands, threads, [](model_draft& d, const csv_header& h) {
        return [&d, task = h.column("task"), resource = h.column("resource"), amount = h.column("amount")](const row_cells& r) {
            demand_row row;
            row.task = r.str(task);
            row.resource = r.str(resource);
            auto a = r.present(amount, "a whole number") ? r.number(amount) : std::nullopt;
            if (!a) return;  // already reported
            row.amount = *a;
            row.line = r.line();
            d.demands.push_back(std::move(row));
        };
    });
}

}  // namespace detail

/// Reads one file's text (already in memory) into the draft; `file` names it in problems.
/// For other sources of the same tables and for benchmarks;
/// `threads` for a large table, as read_threads says.
inline void read_model_csv(model_draft& draft, model_file which, std::string text, const std::string& file,
                           read_threads threads = read_threads::automatic) {
    switch (which) {
        case model_file::units: detail::read_units(draft, text, file, threads); break;
        case model_file::plans: detail::read_plans(draft, text, file, threads); break;
        case model_file::tasks: detail::read_tasks(draft, text, file, threads); break;
        case model_file::links: detail::read_links(draft, text, file, threads); break;
        case model_file::indicators: detail::read_indicators(draft, text, file, threads); break;
        case model_file::calendar: detail::read_calendar(draft, text, file, threads); break;
        case model_file::successions: detail::read_successions(draft, text, file, threads); break;
        case model_file::resources: detail::read_resources(draft, text, file, threads); break;
        case model_file::demands: detail::read_demands(draft, text, file, threads); break;
    }
}

namespace detail {

/// read_model_csv for a draft whose tasks view the text (viewed_draft): the text of tasks.csv
/// moves into the draft before its rows are read.
inline void read_file_into(viewed_draft& draft, model_file which, std::string text, const std::string& file) {
    if (which != model_file::tasks) return plangraph::read_model_csv(draft, which, std::move(text), file);
    read_tasks(draft, draft.texts.emplace_back(std::move(text)), file, read_threads::automatic);
}
inline void read_file_into(model_draft& draft, model_file which, std::string text, const std::string& file) {
    plangraph::read_model_csv(draft, which, std::move(text), file);
}

/// read_model_dir into either kind of draft.
template <class Draft>
void read_model_dir(Draft& draft, const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw parse_error({dir.string(), 0, 0}, "no such model directory");
    if (!fs::is_directory(dir, ec)) throw parse_error({dir.string(), 0, 0}, "not a directory");
    for (auto which : {model_file::units, model_file::plans, model_file::tasks, model_file::links,
                       model_file::indicators, model_file::calendar, model_file::successions,
                       model_file::resources, model_file::demands}) {
        fs::path path = dir / file_name(which);
        if (fs::status(path, ec).type() == fs::file_type::not_found) {
            if (which == model_file::units)
                draft.problems.push_back({problem_kind::missing_column, "missing required file units.csv",
                                          {"units.csv"}, {dir.string(), 0, 0}});
            continue;
        }
        at_the_door(path.string(), [&] { read_file_into(draft, which, read_file(path), path.string()); });
    }
}

}  // namespace detail

/// Reads a model directory into a draft. Bad data never throws: it is in `draft.problems`
/// (a missing units.csv included). Throws parse_error when the directory does not exist or a
/// file in it is not a regular file (a directory, a FIFO: refused before it is opened) or
/// cannot be read.
inline model_draft read_model_dir(const std::filesystem::path& dir) {
    model_draft draft;
    detail::read_model_dir(draft, dir);
    return draft;
}

/// Reads and builds a model, handing back in `notes` the problems that do not block the build
/// (blocks_build: a due date before the start), which validate(read_model_dir(dir)) would
/// list: one pass over the draft where validate() then build() make two. Throws invalid_model
/// carrying every problem, reading ones included, so that a model that fails to load is not
/// half-loaded. The same model and problems as build(read_model_dir(dir)), read without a
/// string per cell: the tasks stay views into the text of tasks.csv until the model copies
/// them (detail/viewed_draft.hpp).
template <class Model = model>
Model load_model_dir(const std::filesystem::path& dir, std::vector<problem>& notes) {
    detail::viewed_draft draft;
    detail::read_model_dir(draft, dir);
    return detail::at_the_door(dir.string(), [&] { return detail::build_model<Model>(std::move(draft), &notes); });
}

/// The same, without the notes.
template <class Model = model>
Model load_model_dir(const std::filesystem::path& dir) {
    std::vector<problem> notes;
    return load_model_dir<Model>(dir, notes);
}

namespace detail {

inline std::string number_cell(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, p) : std::string{};
}

inline std::string date_cell(const std::optional<date>& d) { return d ? format_date(*d) : std::string{}; }
inline std::string number_cell(const std::optional<double>& v) { return v ? number_cell(*v) : std::string{}; }

/// Empty for the default (as soon as possible, no date), else the constraint's name.
inline std::string constraint_cell(const task_constraint& c) {
    return c == task_constraint{} ? std::string{} : std::string(to_string(c.kind));
}

/// The text parse_period reads back as `p`, or nullopt for a period of no such shape.
inline std::optional<std::string> period_cell(const date_period& p) {
    using namespace boost::gregorian;
    date b = p.begin(), e = p.end();
    auto ymd = b.year_month_day();
    std::string year = format_date(b).substr(0, 4);
    if (e == b + days(1)) return format_date(b);
    if (ymd.day != 1) return std::nullopt;
    if (e == b + months(1)) return format_date(b).substr(0, 7);
    if ((ymd.month - 1) % 3 == 0 && e == b + months(3)) return year + "-Q" + std::to_string((ymd.month - 1) / 3 + 1);
    if (ymd.month == 1 && e == b + years(1)) return year;
    return std::nullopt;
}

/// A table being written: the known columns, then the extra columns of the payloads.
class csv_writer {
public:
    csv_writer(std::span<const std::string_view> known, std::vector<std::string> extra, const char* file)
        : extra_(std::move(extra)) {
        for (auto name : extra_)
            if (std::find(known.begin(), known.end(), name) != known.end())
                throw error(std::string(file) + ": attribute '" + name + "' has the name of a column of the format");
        std::vector<std::string_view> header(known.begin(), known.end());
        header.insert(header.end(), extra_.begin(), extra_.end());
        row(header);
    }

    template <class Cells>
    void row(const Cells& cells) {
        bool first = true;
        for (const auto& c : cells) {
            if (!first) text_ += ',';
            first = false;
            append_csv_cell(text_, c);
        }
        text_ += '\n';
    }
    /// A row of known cells followed by the extra columns looked up in `attrs`.
    void row(std::vector<std::string> cells, const attributes* attrs) {
        for (const auto& name : extra_) {
            const std::string* v = attrs ? attrs->find(name) : nullptr;
            cells.push_back(v ? *v : std::string{});
        }
        row(cells);
    }
    const std::string& text() const { return text_; }

private:
    std::vector<std::string> extra_;
    std::string text_{};
};

/// The attributes of a payload, when it is (or converts to) attributes.
template <class Data>
const attributes* attributes_of(const Data& d) {
    if constexpr (std::is_convertible_v<const Data&, const attributes&>) return &static_cast<const attributes&>(d);
    else return nullptr;
}

/// Names of every attribute of the payloads, in order of first appearance.
template <class M, class Id, class Rows>
std::vector<std::string> attribute_names(const M& m, const Rows& rows) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (auto a = attributes_of(m.data(make_id<Id>(i))))
            for (const auto& [k, v] : a->items)
                if (std::find(names.begin(), names.end(), k) == names.end()) names.push_back(k);
    return names;
}

template <class Id, class M>
std::string key_of(const M& m, Id id) {
    return is_none(id) ? std::string{} : std::string(m[id].key);
}

}  // namespace detail

/// Writes the files of a model directory (creating it if needed) so that reading it back
/// gives an equal model. Everything is formatted before the first file is written, so a model
/// the format cannot hold (an indicator period that is not a year, quarter, month or day, an
/// attribute named like a column) throws `error` and writes nothing. The weekly pattern of the
/// calendar is not part of the format: only its dated exceptions are written.
template <class U, class T, class I>
void write_model_dir(const basic_model<U, T, I>& m, const std::filesystem::path& dir) {
    using namespace detail;
    using std::string;
    const bool dated = m.dated();
    csv_writer units(std::span<const std::string_view>(unit_columns).first(dated ? std::size(unit_columns) : undated_unit_columns),
                     attribute_names<basic_model<U, T, I>, unit_id>(m, m.units()), "units.csv");
    for (std::size_t i = 0; i < m.units().size(); ++i) {
        auto id = make_id<unit_id>(i);
        const unit& u = m[id];
        string level = u.level < m.level_names().size() ? m.level_names()[u.level] : std::to_string(u.level);
        std::vector<string> cells{u.key, key_of(m, u.parent), u.name, level, number_cell(u.weight)};
        if (dated) cells.insert(cells.end(), {date_cell(u.valid_from), date_cell(u.valid_to)});
        units.row(std::move(cells), attributes_of(m.data(id)));
    }
    csv_writer successions(succession_columns, {}, "successions.csv");
    for (const succession& s : m.successions())
        successions.row(std::vector<string>{key_of(m, s.from), key_of(m, s.to), format_date(s.on), number_cell(s.share)});
    csv_writer plans(plan_columns, {}, "plans.csv");
    for (const plan& p : m.plans())
        plans.row(std::vector<string>{p.key, key_of(m, p.unit), p.name, key_of(m, p.parent), date_cell(p.issued)});
    csv_writer tasks(task_columns, attribute_names<basic_model<U, T, I>, task_id>(m, m.tasks()), "tasks.csv");
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        auto id = make_id<task_id>(i);
        const task_view t = m[id];
        tasks.row({std::string(t.key), key_of(m, t.unit), std::string(t.name), key_of(m, t.plan), key_of(m, t.parent), date_cell(t.start),
                   date_cell(t.due), std::to_string(t.duration), date_cell(t.completed), number_cell(t.percent),
                   number_cell(t.weight), t.cancelled ? "cancelled" : "", t.recurring ? "true" : "false",
                   constraint_cell(t.constraint), date_cell(t.constraint.on)},
                  attributes_of(m.data(id)));
    }
    csv_writer links(link_columns, {}, "links.csv");
    for (const link& l : m.links())
        links.row(std::vector<string>{key_of(m, l.from), key_of(m, l.to), string(to_string(l.type)), std::to_string(l.lag)});
    csv_writer indicators(indicator_columns, attribute_names<basic_model<U, T, I>, indicator_id>(m, m.indicators()),
                          "indicators.csv");
    for (std::size_t i = 0; i < m.indicators().size(); ++i) {
        auto id = make_id<indicator_id>(i);
        const indicator& x = m[id];
        string period;
        if (x.period) {
            auto p = period_cell(*x.period);
            if (!p)
                throw error("indicators.csv: indicator " + x.key + ": period " + format_date(x.period->begin()) + " to " +
                            format_date(x.period->end()) + " is not a year, quarter, month or day");
            period = *p;
        }
        indicators.row({x.key, key_of(m, x.unit), x.name, key_of(m, x.plan), key_of(m, x.parent), string(to_string(x.agg)),
                        string(to_string(x.dir)), number_cell(x.target), number_cell(x.actual), number_cell(x.numerator),
                        number_cell(x.denominator), number_cell(x.weight), period},
                       attributes_of(m.data(id)));
    }
    csv_writer resources(resource_columns, {}, "resources.csv");
    for (const resource& r : m.resources())
        resources.row(std::vector<string>{r.key, std::to_string(r.capacity), r.name, key_of(m, r.unit)});
    csv_writer demands(demand_columns, {}, "demands.csv");
    for (const demand& x : m.demands())
        demands.row(std::vector<string>{std::string(m[x.task].key), m[x.resource].key, std::to_string(x.amount)});
    csv_writer cal(calendar_columns, {}, "calendar.csv");
    for (const auto& [day, working] : m.calendar().exceptions())
        cal.row(std::vector<string>{format_date(day), working ? "true" : "false"});

    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw error(dir.string() + ": cannot create directory (" + ec.message() + ")");
    auto put = [&dir](model_file f, const csv_writer& w) {
        fs::path path = dir / file_name(f);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(w.text().data(), static_cast<std::streamsize>(w.text().size()));
        if (!out.flush()) throw error(path.string() + ": cannot write file");
    };
    put(model_file::units, units);
    put(model_file::plans, plans);
    put(model_file::tasks, tasks);
    put(model_file::links, links);
    put(model_file::indicators, indicators);
    put(model_file::calendar, cal);
    // Optional tables are written only when the model has them; a stale one would be read back.
    auto put_or_remove = [&](model_file f, const csv_writer& w, bool has) {
        if (has) put(f, w);
        else if (fs::exists(dir / file_name(f), ec)) fs::remove(dir / file_name(f), ec);
    };
    put_or_remove(model_file::successions, successions, m.has_succession_table());
    put_or_remove(model_file::resources, resources, !m.resources().empty());
    put_or_remove(model_file::demands, demands, !m.resources().empty());
}

namespace detail {

/// One CSV row of a rollup: the unit's fields, then its counts, sums and rates.
inline std::vector<std::string> rollup_cells(const report_unit& u, const status_counts& c) {
    return {u.key, u.parent, u.name, u.level, std::to_string(c.total()), std::to_string(c.done()),
            std::to_string(c.done_on_time()), std::to_string(c.done_late()), std::to_string(c.in_progress()),
            std::to_string(c.overdue()), std::to_string(c.cancelled()), number_cell(c.completion_rate()),
            number_cell(c.on_time_rate()), number_cell(c.weight), number_cell(c.weight_done),
            number_cell(c.weighted_completion()), number_cell(c.duration), number_cell(c.duration_done),
            number_cell(c.percent_complete())};
}

inline constexpr std::string_view rollup_columns[] = {
    "unit", "parent", "name", "level", "total", "done", "done_on_time", "done_late", "in_progress", "overdue",
    "cancelled", "completion_rate", "on_time_rate", "weight", "weight_done", "weighted_completion", "duration",
    "duration_done", "percent_complete"};

}  // namespace detail

/// The rows of a unit rollup (indexed by unit id, as rollup_units returns them) as CSV: one row per
/// unit in model order, with its counts, sums and rates (empty when absent).
template <class U, class T, class I>
std::string rollup_csv(const basic_model<U, T, I>& m, std::span<const status_counts> rows) {
    using namespace detail;
    if (rows.size() != m.units().size())
        throw error("rollup_csv: " + std::to_string(rows.size()) + " rows for " + std::to_string(m.units().size()) + " units");
    csv_writer out(rollup_columns, {}, "rollup");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto id = make_id<unit_id>(i);
        const unit& u = m[id];
        out.row(rollup_cells({u.key, key_of(m, u.parent), u.name, m.level_name(id)}, rows[i]));
    }
    return out.text();
}

namespace detail {

inline constexpr std::string_view schedule_columns[] = {
    "id",          "name",   "unit",        "duration",   "early_start", "early_finish", "late_start", "late_finish",
    "start",       "finish", "total_slack", "free_slack", "critical",    "summary",      "due"};

/// The cells of schedule_columns for one scheduled task.
template <class Model>
std::vector<std::string> schedule_cells(const Model& m, const task_view& t, const task_schedule& s) {
    return {std::string(t.key), std::string(t.name), key_of(m, t.unit), std::to_string(t.duration), format_date(s.early_start),
            format_date(s.early_finish), format_date(s.late_start), format_date(s.late_finish), format_date(s.start),
            format_date(s.finish), std::to_string(s.total_slack), std::to_string(s.free_slack),
            s.critical ? "true" : "false", s.summary ? "true" : "false", date_cell(t.due)};
}

template <class Model>
void check_schedule_size(const Model& m, const schedule_result& r) {
    if (r.tasks.size() != m.tasks().size())
        throw error("schedule_csv: a schedule of " + std::to_string(r.tasks.size()) + " tasks for " +
                    std::to_string(m.tasks().size()) + " tasks");
}

}  // namespace detail

/// A rollup on the map of a date (rows as rollup_units(m, as_of, map) returns them) as CSV: the
/// rows of report_rows(m, map), "(unmapped)" first when the model is dated.
template <class U, class T, class I>
std::string rollup_csv(const basic_model<U, T, I>& m, std::span<const status_counts> rows, const unit_map& map) {
    using namespace detail;
    if (rows.size() != map.rows() || map.rows() != m.units().size() + 1)
        throw error("rollup_csv: " + std::to_string(rows.size()) + " rows for a map of " +
                    std::to_string(m.units().size()) + " units and the unmapped row");
    csv_writer out(rollup_columns, {}, "rollup");
    for (unit_id row : report_rows(m, map)) out.row(rollup_cells(report_unit_of(m, map, row), rows[index(row)]));
    return out.text();
}

/// A schedule as CSV: one row per scheduled task (cancelled tasks take no part and are left out),
/// in model order; slack in working days.
template <class U, class T, class I>
std::string schedule_csv(const basic_model<U, T, I>& m, const schedule_result& r) {
    using namespace detail;
    check_schedule_size(m, r);
    csv_writer out(schedule_columns, {}, "schedule");
    for (std::size_t i = 0; i < r.tasks.size(); ++i)
        if (r.tasks[i].scheduled) out.row(schedule_cells(m, m.tasks()[i], r.tasks[i]));
    return out.text();
}

/// A schedule as CSV with more columns after schedule_columns: `more(i)` gives the cells of
/// task i (a vector of strings, one per column of `more_columns`).
template <class U, class T, class I, class More>
std::string schedule_csv(const basic_model<U, T, I>& m, const schedule_result& r,
                         std::span<const std::string_view> more_columns, More more) {
    using namespace detail;
    check_schedule_size(m, r);
    std::vector<std::string_view> columns(std::begin(schedule_columns), std::end(schedule_columns));
    columns.insert(columns.end(), more_columns.begin(), more_columns.end());
    csv_writer out(columns, {}, "schedule");
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        if (!r.tasks[i].scheduled) continue;
        auto cells = schedule_cells(m, m.tasks()[i], r.tasks[i]);
        auto extra = more(i);
        cells.insert(cells.end(), extra.begin(), extra.end());
        out.row(cells);
    }
    return out.text();
}

}  // namespace plangraph
