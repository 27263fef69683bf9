#pragma once
// baseline.csv (DESIGN.md): `task`, `start`, `finish`, one row per task with agreed dates; UTF-8,
// comma separated, a header row, columns in any order, unknown columns ignored.
//
// Reading never stops at the first problem: every row is checked and every problem reported with
// file, line and column and the task id — a missing column, an empty cell, a malformed date or
// one outside limits.hpp's bounds, an unknown task, a finish before its start, a second row for a
// task. read_baseline_csv returns the problems beside what could be read; load_baseline_csv throws
// invalid_model carrying every one, so a bad file gives no baseline at all.
//
// Writing: baseline_csv gives the rows of the tasks with an entry, in model order, so that
// reading it back gives an equal baseline; plangraph baseline prints it. schedule_csv(m, r, v) is
// the schedule's CSV (io/csv.hpp) with each task's baseline and variance after its columns
// (baseline_start, baseline_finish, start_variance, finish_variance; empty without an entry).
#include "../baseline.hpp"
#include "../detail/csv_reader.hpp"
#include "../error.hpp"
#include "../model.hpp"
#include "csv.hpp"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace plangraph {

/// What a baseline file held: the entries that could be read, and every problem found.
struct baseline_read {
    baseline value{};
    std::vector<problem> problems{};
};

namespace detail {

inline constexpr std::string_view baseline_columns[] = {"task", "start", "finish"};

/// Checks baseline rows as they come, from any source: resolves the task id, checks the dates
/// and refuses a second row for a task. Problems go to `out`.
template <class Model>
class baseline_rows {
public:
    baseline_rows(const Model& m, std::string name, std::vector<problem>& out) : m_(m), b_(std::move(name)), out_(out) {}

    /// A row whose cells were read; `where_*` locate its task and finish cells for problems.
    void add(const std::string& key, std::optional<date> start, std::optional<date> finish, location where_task,
             location where_start, location where_finish) {
        auto t = m_.find_task(key);
        if (!t) {
            out_.push_back({problem_kind::unknown_reference, "unknown task " + key + " in column task", {key}, where_task});
            return;
        }
        if (auto [it, fresh] = first_line_.try_emplace(index(*t), where_task.line); !fresh) {
            out_.push_back({problem_kind::duplicate_id,
                            "task " + key + ": a second baseline row (the first is on line " + std::to_string(it->second) + ")",
                            {key}, where_task});
            return;
        }
        if (!start || !finish) return;  // already reported
        bool bad = false;
        for (auto [d, where, column] : {std::tuple{*start, where_start, "start"}, std::tuple{*finish, where_finish, "finish"}})
            if (!limits::in_range(d)) {
                out_.push_back({problem_kind::invalid_value,
                                "task " + key + ": " + column + " " + format_date(d) + " is outside " +
                                    format_date(limits::min_date()) + ".." + format_date(limits::max_date()),
                                {key}, where});
                bad = true;
            }
        if (bad) return;
        if (*finish < *start) {
            out_.push_back({problem_kind::invalid_value,
                            "task " + key + ": finish " + format_date(*finish) + " is before start " + format_date(*start),
                            {key}, where_finish});
            return;
        }
        b_.set(*t, {*start, *finish});
    }

    baseline take() { return std::move(b_); }

private:
    const Model& m_;
    baseline b_;
    std::vector<problem>& out_;
    std::unordered_map<std::size_t, std::size_t> first_line_{};
};

}  // namespace detail

/// Reads baseline.csv text for the tasks of `m`; `file` names it in problems.
template <class Model>
baseline_read read_baseline_csv(const Model& m, std::string text, const std::string& file, std::string name = {}) {
    using namespace detail;
    baseline_read out;
    baseline_rows<Model> rows(m, std::move(name), out.problems);
    std::optional<csv_header> header;
    csv_column task_col, start_col, finish_col;
    for_each_csv_record(text, file, out.problems, [&](const csv_record& rec) {
        if (!header) {
            header.emplace(rec, file, file_layout{baseline_columns, 3}, out.problems);
            task_col = header->column("task"), start_col = header->column("start"), finish_col = header->column("finish");
            return;
        }
        if (!header->complete()) return;  // a required column is missing: the rows cannot be read
        if (rec.cells.size() != header->size())
            out.problems.push_back({problem_kind::malformed,
                                    "row has " + std::to_string(rec.cells.size()) + " cells but the header has " +
                                        std::to_string(header->size()),
                                    {}, {file, rec.line, std::min(rec.cells.size(), header->size()) + 1}});
        row_cells r(rec, file, out.problems);
        bool has_task = r.present(task_col, "a task id");
        bool has_start = r.present(start_col, "YYYY-MM-DD"), has_finish = r.present(finish_col, "YYYY-MM-DD");
        auto start = has_start ? r.day(start_col) : std::nullopt;
        auto finish = has_finish ? r.day(finish_col) : std::nullopt;
        auto at = [&](csv_column c) { return location{file, rec.line, c.pos + 1}; };
        if (has_task) rows.add(r.str(task_col), start, finish, at(task_col), at(start_col), at(finish_col));
    });
    if (!header) out.problems.push_back({problem_kind::missing_column, "empty file: expected a header row (task, start, finish)", {}, {file, 1, 0}});
    out.value = rows.take();
    return out;
}

/// Reads a baseline file; throws invalid_model with every problem, parse_error when it cannot be read.
template <class Model>
baseline load_baseline_csv(const Model& m, const std::filesystem::path& path, std::string name = {}) {
    auto read = read_baseline_csv(m, detail::read_file(path), path.string(), std::move(name));
    if (!read.problems.empty()) throw invalid_model(std::move(read.problems));
    return std::move(read.value);
}

/// baseline.csv text: a header and one row per task with an entry, in model order.
template <class Model>
std::string baseline_csv(const Model& m, const baseline& b) {
    detail::csv_writer out(detail::baseline_columns, {}, "baseline.csv");
    for (std::size_t i = 0; i < m.tasks().size(); ++i)
        if (auto e = b[make_id<task_id>(i)])
            out.row(std::vector<std::string>{std::string(m.tasks()[i].key), format_date(e->start), format_date(e->finish)});
    return out.text();
}

/// The schedule as CSV with every task's variance (indexed by task id, as variances() gives it).
template <class Model>
std::string schedule_csv(const Model& m, const schedule_result& r, std::span<const task_variance> v) {
    using namespace detail;
    check_schedule_size(m, r);
    static constexpr std::string_view more[] = {"baseline_start", "baseline_finish", "start_variance", "finish_variance"};
    std::vector<std::string_view> columns(std::begin(schedule_columns), std::end(schedule_columns));
    columns.insert(columns.end(), std::begin(more), std::end(more));
    csv_writer out(columns, {}, "schedule");
    auto number = [](const std::optional<int>& n) { return n ? std::to_string(*n) : std::string{}; };
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        if (!r.tasks[i].scheduled) continue;
        auto cells = schedule_cells(m, m.tasks()[i], r.tasks[i]);
        const task_variance& x = v[i];
        cells.insert(cells.end(), {date_cell(x.baseline_start), date_cell(x.baseline_finish), number(x.start_variance),
                                   number(x.finish_variance)});
        out.row(cells);
    }
    return out.text();
}

/// Writes baseline.csv; throws error when the file cannot be written.
template <class Model>
void write_baseline_csv(const Model& m, const baseline& b, const std::filesystem::path& path) {
    const std::string text = baseline_csv(m, b);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out.flush()) throw error(path.string() + ": cannot write file");
}

}  // namespace plangraph
