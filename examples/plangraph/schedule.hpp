#pragma once
// `plangraph schedule --model DIR|FILE.json | --mspdi FILE [--as-of DATE] [--start DATE]
//                     [--level [--budget N] [--seed S]] [--format table|json|csv]`
// Per task: early/late start and finish, total and free slack (working days), critical. Without
// --as-of it is the plan (completion ignored); with it, done tasks keep their actual dates and the
// rest starts no earlier than the as-of date. An MSPDI file's project start is the default start;
// without any start at all: exit 2, asking for --start DATE. CSV is the library's schedule_csv.
// When the model directory has baseline.csv, every format adds each task's baseline_start,
// baseline_finish, start_variance and finish_variance (working days, positive = later than
// agreed; null or empty without a baseline row), against the dates shown (plan or --as-of).
// --level levels the schedule on resources.csv/demands.csv (level.hpp): `start` and `finish`
// become the levelled dates, and every format adds `delay` (working days after the early start)
// and `delayed_by` (resource ids; joined by ';' in CSV). Without resources nothing moves.
#include "cli.hpp"
#include "loader.hpp"
#include "table.hpp"

#include <plangraph/baseline.hpp>
#include <plangraph/io/baseline.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/level.hpp>
#include <plangraph/schedule.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace plangraph::cli {

/// --start and --as-of, shared by the commands that schedule.
inline void add_schedule_options(CLI::App& app, schedule_options& o) {
    add_date(app, "--start", o.start, "the schedule's start, when no task has one");
    add_date(app, "--as-of", o.as_of, "progress-aware: done tasks keep their dates, the rest starts no earlier");
}

/// The schedule run on `net` (compiled from the loaded model once, for what comes after it too),
/// or a usage error when nothing gives it a start date.
inline schedule_result schedule_or_usage(const loaded_model& loaded, const schedule_network& net, schedule_options o) {
    if (!o.start) o.start = loaded.start;
    try {
        return net.run(loaded.model, o);
    } catch (const no_start_date&) {
        throw usage_error("no task has a start date: give the schedule one with --start DATE");
    }
}

/// The same for commands that need only the schedule.
inline schedule_result schedule_or_usage(const loaded_model& loaded, const schedule_options& o) {
    return schedule_or_usage(loaded, schedule_network(loaded.model), o);
}

/// What the commands that schedule share: --model/--mspdi, --start/--as-of and --format.
struct scheduling_command : command {
    model_source source{};
    schedule_options options{};
    std::string format{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_schedule_options(app, options);
        add_format(app, format);
    }
    std::string input() const override { return source.path(); }
};

/// Each task's variance against the model's baseline; empty without one.
inline std::vector<task_variance> variances_of(const loaded_model& loaded, const schedule_result& r) {
    return loaded.agreed ? variances(r, *loaded.agreed) : std::vector<task_variance>{};
}

/// --level, --budget and --seed.
struct level_options {
    bool on = false;
    rcpsp::options search{};
};

inline void add_level_options(CLI::App& app, level_options& o) {
    auto* level = app.add_flag("--level", o.on, "level on resources.csv/demands.csv: per task also start, finish, delay, delayed_by");
    add_count(app, "--budget", o.search.budget, std::size_t{0}, std::size_t{10'000'000},
              "bounds the schedules tried (default " + std::to_string(rcpsp::default_budget) + ")")
        ->needs(level);
    add_count(app, "--seed", o.search.seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(),
              "makes the levelling reproducible (default 1)")
        ->needs(level);
}

/// The resource ids of a levelled task's delayed_by.
inline std::vector<std::string> delayed_by_keys(const model& m, const levelled_task& t) {
    std::vector<std::string> keys;
    for (auto r : t.delayed_by) keys.push_back(m[r].key);
    return keys;
}

inline std::string joined(const std::vector<std::string>& words, const char* between) {
    std::string s;
    for (const auto& w : words) s += (s.empty() ? "" : between) + w;
    return s;
}

/// The schedule with its scheduled dates (`start`, `finish`) the levelled ones.
inline schedule_result with_levelled_dates(schedule_result r, const levelled_schedule& l) {
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        r.tasks[i].start = l.tasks[i].start;
        r.tasks[i].finish = l.tasks[i].finish;
    }
    return r;
}

/// The schedule as CSV, with the variance columns when `v` has some and the levelling ones when
/// `l` is given.
inline std::string schedule_csv_of(const model& m, const schedule_result& r, std::span<const task_variance> v,
                                   const levelled_schedule* l) {
    if (!l) return v.empty() ? schedule_csv(m, r) : schedule_csv(m, r, v);
    std::vector<std::string_view> columns;
    if (!v.empty()) columns = {"baseline_start", "baseline_finish", "start_variance", "finish_variance"};
    columns.insert(columns.end(), {"delay", "delayed_by"});
    auto number = [](const std::optional<int>& n) { return n ? std::to_string(*n) : std::string{}; };
    return schedule_csv(m, with_levelled_dates(r, *l), columns, [&](std::size_t i) {
        std::vector<std::string> cells;
        if (!v.empty())
            cells = {detail::date_cell(v[i].baseline_start), detail::date_cell(v[i].baseline_finish),
                     number(v[i].start_variance), number(v[i].finish_variance)};
        cells.insert(cells.end(), {std::to_string(l->tasks[i].delay), joined(delayed_by_keys(m, l->tasks[i]), ";")});
        return cells;
    });
}

/// `v`: each task's variance (indexed by task id), empty when the model has no baseline; `l`: the
/// levelled schedule, with --level.
inline void print_schedule(std::ostream& out, const model& m, const schedule_result& r, const std::string& format,
                           std::span<const task_variance> v = {}, const levelled_schedule* l = nullptr) {
    auto date_or_null = [](const std::optional<date>& d) { return d ? nlohmann::json(format_date(*d)) : nlohmann::json(nullptr); };
    auto int_or_null = [](const std::optional<int>& n) { return n ? nlohmann::json(*n) : nlohmann::json(nullptr); };
    auto text = [](const auto& x, auto show) { return x ? show(*x) : std::string("-"); };
    if (format == "csv") {
        out << schedule_csv_of(m, r, v, l);
        return;
    }
    if (format == "json") {
        auto rows = nlohmann::json::array();
        for (std::size_t i = 0; i < r.tasks.size(); ++i) {
            const auto& s = r.tasks[i];
            if (!s.scheduled) continue;
            nlohmann::json row{{"id", m.tasks()[i].key}, {"early_start", format_date(s.early_start)},
                               {"early_finish", format_date(s.early_finish)}, {"late_start", format_date(s.late_start)},
                               {"late_finish", format_date(s.late_finish)}, {"total_slack", s.total_slack},
                               {"free_slack", s.free_slack}, {"critical", s.critical}};
            if (!v.empty()) {
                row["baseline_start"] = date_or_null(v[i].baseline_start);
                row["baseline_finish"] = date_or_null(v[i].baseline_finish);
                row["start_variance"] = int_or_null(v[i].start_variance);
                row["finish_variance"] = int_or_null(v[i].finish_variance);
            }
            if (l) {
                const auto& x = l->tasks[i];
                row["start"] = format_date(x.start);
                row["finish"] = format_date(x.finish);
                row["delay"] = x.delay;
                row["delayed_by"] = delayed_by_keys(m, x);
            }
            rows.push_back(std::move(row));
        }
        out << rows.dump(2) << '\n';
        return;
    }
    using col = text_table::column;
    constexpr auto right = text_table::align::right;
    std::vector<col> columns{col{"id"}, col{"early start"}, col{"early finish"}, col{"late start"}, col{"late finish"},
                             col{"total", right}, col{"free", right}, col{"critical"}};
    if (!v.empty())
        columns.insert(columns.end(), {col{"baseline start"}, col{"baseline finish"}, col{"start var", right},
                                       col{"finish var", right}});
    if (l) columns.insert(columns.end(), {col{"start"}, col{"finish"}, col{"delay", right}, col{"delayed by"}});
    text_table t(std::move(columns));
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        const auto& s = r.tasks[i];
        if (!s.scheduled) continue;
        std::vector<std::string> cells{std::string(m.tasks()[i].key), format_date(s.early_start), format_date(s.early_finish),
                                       format_date(s.late_start), format_date(s.late_finish),
                                       std::to_string(s.total_slack), std::to_string(s.free_slack),
                                       s.critical ? "yes" : ""};
        if (!v.empty()) {
            auto day = [](date d) { return format_date(d); };
            auto days = [](int n) { return (n > 0 ? "+" : "") + std::to_string(n); };
            cells.insert(cells.end(), {text(v[i].baseline_start, day), text(v[i].baseline_finish, day),
                                       text(v[i].start_variance, days), text(v[i].finish_variance, days)});
        }
        if (l) {
            const auto& x = l->tasks[i];
            cells.insert(cells.end(), {format_date(x.start), format_date(x.finish), std::to_string(x.delay),
                                       joined(delayed_by_keys(m, x), ", ")});
        }
        t.row(std::move(cells));
    }
    t.print(out);
    out << "schedule " << format_date(r.start) << " .. " << format_date(r.finish) << '\n';
    if (!l) return;
    out << "levelled " << format_date(r.start) << " .. " << format_date(l->finish) << " (" << l->span
        << " working days, " << l->schedules << " schedules tried)\n";
    for (const auto& late : l->late)
        out << "  " << m[late.task].key << " finishes " << late.days_late << " working days after its deadline "
            << format_date(late.deadline) << '\n';
}

struct schedule_command : scheduling_command {
    level_options levelling{};

    void setup(CLI::App& app) override {
        scheduling_command::setup(app);
        add_level_options(app, levelling);
    }

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        const schedule_network net(loaded.model);
        auto r = schedule_or_usage(loaded, net, options);
        if (!levelling.on) {
            print_schedule(out, loaded.model, r, format, variances_of(loaded, r));
            return success;
        }
        auto l = level(loaded.model, net, r, levelling.search);
        print_schedule(out, loaded.model, r, format, variances_of(loaded, r), &l);
        return success;
    }
};

}  // namespace plangraph::cli
