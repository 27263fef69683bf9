#pragma once
// `plangraph rollup --model DIR|FILE.json | --mspdi FILE --as-of DATE [--format table|json|csv]
//                   [--map DATE] [--rule default|all-children-green]`
// Per unit, over the unit hierarchy (its own tasks plus all its descendants'): the counts and
// rates of DESIGN.md, weighted completion, duration-weighted percent complete, indicators met
// and the traffic light. With dated units, on the map of --map (default: the as-of date): one
// row per unit on that map, after a row "(unmapped)" over the tasks on none (map_rollup.hpp).
// JSON: an array with one object per row, in model order, the library's rollup row JSON plus
// indicators and status; a rate is null when its denominator is 0. CSV: one row per row of the
// report. The table lists units in hierarchy order, indented by depth, with a totals line when
// there are several top rows.
#include "cli.hpp"
#include "loader.hpp"
#include "map_rollup.hpp"
#include "table.hpp"

#include <plangraph/aggregate.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/rollup_json.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/traffic_light.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

namespace plangraph::cli {

/// "81.2%": a rate as people read it; "-" when absent.
inline std::string percent_text(std::optional<double> r) {
    if (!r) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", *r * 100.0);
    return buf;
}

struct rollup_command : command {
    model_source source{};
    std::optional<date> as_of{}, map_date{};
    std::string format{}, rule{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_date(app, "--as-of", as_of, "the date the statuses are taken as of")->required();
        add_date(app, "--map", map_date, "place tasks on the map of this date (default: the as-of date)");
        add_format(app, format);
        add_choice(app, "--rule", rule, {"default", "all-children-green"}, "traffic-light rule");
    }
    std::string input() const override { return source.path(); }

    /// What every format shows, computed once.
    struct report {
        const model& m;
        map_rollup r;
    };

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        const auto& m = loaded.model;
        auto rules = rule == "default" ? light_rules{} : light_rules::all_children_green();
        report rep{m, map_rollup(m, *as_of, map_date.value_or(*as_of), rules)};
        if (format == "json") write_json(out, rep);
        else if (format == "csv") write_csv(out, rep);
        else write_table(out, rep);
        return success;
    }

    static void write_json(std::ostream& out, const report& rep) {
        const auto& r = rep.r;
        auto doc = nlohmann::json::array();
        for (unit_id u : r.shown) {
            auto row = rollup_row_json(report_unit_of(rep.m, r.map, u), r.rows[index(u)]);
            row["indicators"] = r.indicators[index(u)].subtree.total;
            row["indicators_met"] = r.indicators[index(u)].subtree.met;
            row["status"] = std::string(to_string(r.lights[index(u)]));
            doc.push_back(std::move(row));
        }
        out << doc.dump(2) << '\n';
    }

    static void write_csv(std::ostream& out, const report& rep) {
        static constexpr std::string_view columns[] = {
            "unit", "name", "level", "parent", "total", "done", "done_on_time", "done_late", "in_progress",
            "overdue", "cancelled", "completion_rate", "on_time_rate", "weighted_completion", "percent_complete",
            "indicators", "indicators_met", "status"};
        const auto& r = rep.r;
        detail::csv_writer csv(columns, {}, "rollup");
        for (unit_id u : r.shown) {
            auto who = report_unit_of(rep.m, r.map, u);
            const auto& c = r.rows[index(u)];
            csv.row(std::vector<std::string>{
                who.key, who.name, who.level, who.parent, std::to_string(c.total()),
                std::to_string(c.done()), std::to_string(c.done_on_time()), std::to_string(c.done_late()),
                std::to_string(c.in_progress()), std::to_string(c.overdue()), std::to_string(c.cancelled()),
                detail::number_cell(c.completion_rate()), detail::number_cell(c.on_time_rate()),
                detail::number_cell(c.weighted_completion()), detail::number_cell(c.percent_complete()),
                std::to_string(r.indicators[index(u)].subtree.total), std::to_string(r.indicators[index(u)].subtree.met),
                std::string(to_string(r.lights[index(u)]))});
        }
        out << csv.text();
    }

    /// A table for a person: hierarchy order, names indented by depth, a totals line.
    void write_table(std::ostream& out, const report& rep) const {
        using col = text_table::column;
        constexpr auto right = text_table::align::right;
        text_table t({col{"unit"}, col{"level"}, col{"total", right}, col{"done", right}, col{"on time", right},
                      col{"late", right}, col{"in progress", right}, col{"overdue", right}, col{"cancelled", right},
                      col{"done %", right}, col{"on time %", right}, col{"indicators met", right}, col{"status"}});
        auto line = [&](std::string name, std::string level, const status_counts& c, const indicator_counts& ind,
                        std::string status) {
            t.row({std::move(name), std::move(level), std::to_string(c.total()), std::to_string(c.done()),
                   std::to_string(c.done_on_time()), std::to_string(c.done_late()), std::to_string(c.in_progress()),
                   std::to_string(c.overdue()), std::to_string(c.cancelled()), percent_text(c.completion_rate()),
                   percent_text(c.on_time_rate()),
                   ind.total ? std::to_string(ind.met) + "/" + std::to_string(ind.total) : "-", std::move(status)});
        };
        const auto& r = rep.r;
        for (auto [u, depth] : r.table_order()) {
            auto who = report_unit_of(rep.m, r.map, u);
            line(text_table::indent(depth) + who.key + (u == r.map.unmapped() ? "" : " " + who.name), who.level,
                 r.rows[index(u)], r.indicators[index(u)].subtree, std::string(to_string(r.lights[index(u)])));
        }
        status_counts all;
        indicator_counts all_ind;
        const auto top = r.top_rows();
        for (unit_id u : top) all += r.rows[index(u)], all_ind += r.indicators[index(u)].subtree;
        if (top.size() > 1) line("total", "", all, all_ind, "");
        t.print(out);
        out << "as of " << format_date(*as_of)
            << (rep.m.dated() ? " on the map of " + format_date(r.map.day()) : std::string{}) << ": " << all.done() << "/" << all.total() << " tasks done ("
            << percent_text(all.completion_rate()) << "), " << all.done_on_time() << " on schedule, " << all.overdue()
            << " overdue; " << all_ind.met << "/" << all_ind.total << " indicators met\n";
    }
};

}  // namespace plangraph::cli
