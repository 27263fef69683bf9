#pragma once
// `plangraph schedule --model DIR | --mspdi FILE [--as-of DATE] [--start DATE] [--format table|json|csv]`
// Per task: early/late start and finish, total and free slack (working days), critical. Without
// --as-of it is the plan (completion ignored); with it, done tasks keep their actual dates and the
// rest starts no earlier than the as-of date. Without any task start and without --start: exit 2.
#include "cli.hpp"

#include <plangraph/io/csv.hpp>
#include <plangraph/io/mspdi.hpp>
#include <plangraph/schedule.hpp>
#include <plangraph/validate.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace plangraph::cli {

inline std::optional<date> schedule_date_option(const options& opts, const std::string& name) {
    auto v = opts.get(name);
    if (!v) return std::nullopt;
    auto d = parse_date(*v);
    if (!d) throw usage_error("--" + name + " '" + *v + "' is not a date YYYY-MM-DD");
    return d;
}

/// Loads --model DIR; invalid models print their problems and give exit code 1 via the result.
inline std::optional<model> schedule_load_model(const std::string& dir, int& exit) {
    try {
        return load_model_dir(dir);
    } catch (const invalid_model& e) {
        for (const auto& p : e.problems()) std::cerr << to_string(p) << '\n';
        exit = model_problems;
    } catch (const parse_error& e) {
        throw usage_error(e.what());
    } catch (const cycle_error& e) {
        std::cerr << e.what() << '\n';
        exit = model_problems;
    }
    return std::nullopt;
}

inline schedule_result schedule_or_usage(const model& m, const schedule_options& o) {
    try {
        return schedule(m, o);
    } catch (const no_start_date&) {
        throw usage_error("no task has a start date: give the schedule one with --start DATE");
    }
}

inline void print_schedule(const model& m, const schedule_result& r, format f) {
    struct row {
        std::string id, es, ef, ls, lf;
        int total, free;
        bool critical;
    };
    std::vector<row> rows;
    for (std::size_t i = 0; i < r.tasks.size(); ++i) {
        const auto& s = r.tasks[i];
        if (!s.scheduled) continue;
        rows.push_back({m.tasks()[i].key, format_date(s.early_start), format_date(s.early_finish),
                        format_date(s.late_start), format_date(s.late_finish), s.total_slack, s.free_slack,
                        s.critical});
    }
    if (f == format::json) {
        auto out = nlohmann::json::array();
        for (const auto& x : rows)
            out.push_back({{"id", x.id}, {"early_start", x.es}, {"early_finish", x.ef}, {"late_start", x.ls},
                           {"late_finish", x.lf}, {"total_slack", x.total}, {"free_slack", x.free},
                           {"critical", x.critical}});
        std::cout << out.dump(2) << '\n';
        return;
    }
    if (f == format::csv) {
        auto cell = [](const std::string& s) {
            if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
            std::string q = "\"";
            for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
            return q + "\"";
        };
        std::cout << "id,early_start,early_finish,late_start,late_finish,total_slack,free_slack,critical\n";
        for (const auto& x : rows)
            std::cout << cell(x.id) << ',' << x.es << ',' << x.ef << ',' << x.ls << ',' << x.lf << ',' << x.total << ','
                      << x.free << ',' << (x.critical ? "true" : "false") << '\n';
        return;
    }
    std::size_t w = 2;
    for (const auto& x : rows) w = std::max(w, x.id.size());
    auto pad = [](std::string s, std::size_t n) { return s.size() < n ? s + std::string(n - s.size(), ' ') : s; };
    auto num = [](int v, std::size_t n) {
        auto s = std::to_string(v);
        return s.size() < n ? std::string(n - s.size(), ' ') + s : s;
    };
    std::cout << pad("id", w) << "  early start  early finish  late start   late finish  total  free  critical\n";
    for (const auto& x : rows)
        std::cout << pad(x.id, w) << "  " << x.es << "   " << x.ef << "    " << x.ls << "   " << x.lf << "  "
                  << num(x.total, 5) << "  " << num(x.free, 4) << "  " << (x.critical ? "yes" : "") << '\n';
    std::cout << "schedule " << format_date(r.start) << " .. " << format_date(r.finish) << '\n';
}

inline int run_schedule(const options& opts) {
    auto dir = opts.get("model");
    auto mspdi = opts.get("mspdi");
    schedule_options o{.start = schedule_date_option(opts, "start"), .as_of = schedule_date_option(opts, "as-of")};
    auto f = output_format(opts);
    opts.reject_unknown();
    if (bool(dir) == bool(mspdi)) throw usage_error("give either --model DIR or --mspdi FILE");
    if (mspdi) {
        io::mspdi_project p;
        try {
            p = io::read_mspdi(*mspdi);
        } catch (const parse_error& e) {
            throw usage_error(e.what());
        }
        for (const auto& w : p.warnings) std::cerr << "warning: " << w << '\n';
        if (!o.start) o.start = p.start;
        print_schedule(p.tasks, schedule_or_usage(p.tasks, o), f);
        return success;
    }
    int exit = success;
    auto m = schedule_load_model(*dir, exit);
    if (!m) return exit;
    print_schedule(*m, schedule_or_usage(*m, o), f);
    return success;
}

}  // namespace plangraph::cli
