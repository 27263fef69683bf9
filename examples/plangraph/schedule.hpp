#pragma once
// `plangraph schedule --model DIR|FILE.json | --mspdi FILE [--as-of DATE] [--start DATE]
//                     [--format table|json|csv]`
// Per task: early/late start and finish, total and free slack (working days), critical. Without
// --as-of it is the plan (completion ignored); with it, done tasks keep their actual dates and the
// rest starts no earlier than the as-of date. An MSPDI file's project start is the default start;
// without any start at all: exit 2, asking for --start DATE. CSV is the library's schedule_csv.
#include "cli.hpp"
#include "loader.hpp"
#include "table.hpp"

#include <plangraph/io/csv.hpp>
#include <plangraph/schedule.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace plangraph::cli {

/// --start and --as-of, shared by the commands that schedule.
inline void add_schedule_options(CLI::App& app, schedule_options& o) {
    add_date(app, "--start", o.start, "the schedule's start, when no task has one");
    add_date(app, "--as-of", o.as_of, "progress-aware: done tasks keep their dates, the rest starts no earlier");
}

/// The schedule, or a usage error when nothing gives it a start date.
inline schedule_result schedule_or_usage(const loaded_model& loaded, schedule_options o) {
    if (!o.start) o.start = loaded.start;
    try {
        return schedule(loaded.model, o);
    } catch (const no_start_date&) {
        throw usage_error("no task has a start date: give the schedule one with --start DATE");
    }
}

inline void print_schedule(std::ostream& out, const model& m, const schedule_result& r, const std::string& format) {
    if (format == "csv") {
        out << schedule_csv(m, r);
        return;
    }
    if (format == "json") {
        auto rows = nlohmann::json::array();
        for (std::size_t i = 0; i < r.tasks.size(); ++i) {
            const auto& s = r.tasks[i];
            if (!s.scheduled) continue;
            rows.push_back({{"id", m.tasks()[i].key}, {"early_start", format_date(s.early_start)},
                            {"early_finish", format_date(s.early_finish)}, {"late_start", format_date(s.late_start)},
                            {"late_finish", format_date(s.late_finish)}, {"total_slack", s.total_slack},
                            {"free_slack", s.free_slack}, {"critical", s.critical}});
        }
        out << rows.dump(2) << '\n';
        return;
    }
    using col = text_table::column;
    constexpr auto right = text_table::align::right;
    text_table t({col{"id"}, col{"early start"}, col{"early finish"}, col{"late start"}, col{"late finish"},
                  col{"total", right}, col{"free", right}, col{"critical"}});
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        const auto& s = r.tasks[i];
        if (!s.scheduled) continue;
        t.row({m.tasks()[i].key, format_date(s.early_start), format_date(s.early_finish), format_date(s.late_start),
               format_date(s.late_finish), std::to_string(s.total_slack), std::to_string(s.free_slack),
               s.critical ? "yes" : ""});
    }
    t.print(out);
    out << "schedule " << format_date(r.start) << " .. " << format_date(r.finish) << '\n';
}

struct schedule_command : command {
    model_source source{};
    schedule_options options{};
    std::string format{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_schedule_options(app, options);
        add_format(app, format);
    }
    std::string input() const override { return source.path(); }

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        print_schedule(out, loaded.model, schedule_or_usage(loaded, options), format);
        return success;
    }
};

}  // namespace plangraph::cli
