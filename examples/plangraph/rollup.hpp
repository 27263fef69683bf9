#pragma once
// `plangraph rollup --model DIR|FILE.json | --mspdi FILE --as-of DATE [--format table|json|csv]
//                   [--rule default|all-children-green]`
// Per unit, over the unit hierarchy (its own tasks plus all its descendants'): the counts and
// rates of DESIGN.md, weighted completion, duration-weighted percent complete, indicators met
// and the traffic light. JSON: an array with one object per unit, in model order, the library's
// status_counts JSON plus the unit's fields; a rate is null when its denominator is 0. CSV: one
// row per unit through the library's CSV writer. The table lists units in hierarchy order,
// indented by depth, with a totals line when there are several roots.
#include "cli.hpp"
#include "loader.hpp"
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
    std::optional<date> as_of{};
    std::string format{}, rule{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_date(app, "--as-of", as_of, "the date the statuses are taken as of")->required();
        add_format(app, format);
        add_choice(app, "--rule", rule, {"default", "all-children-green"}, "traffic-light rule");
    }
    std::string input() const override { return source.path(); }

    /// What every format shows, computed once.
    struct report {
        const model& m;
        hierarchy<unit_id> units;
        std::vector<status_counts> rows;
        std::vector<unit_indicator_counts> indicators;
        std::vector<traffic_light> lights;
    };

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        const auto& m = loaded.model;
        auto units = m.unit_hierarchy();
        auto rows = rollup_units(m, *as_of);
        auto indicators = count_indicators(m.indicators(), aggregate_indicators(m), units);
        auto rules = rule == "default" ? light_rules{} : light_rules::all_children_green();
        auto lights = traffic_lights(units, rows, indicators, rules);
        report rep{m, std::move(units), std::move(rows), std::move(indicators), std::move(lights)};
        if (format == "json") write_json(out, rep);
        else if (format == "csv") write_csv(out, rep);
        else write_table(out, rep);
        return success;
    }

    static std::string parent_key(const model& m, unit_id u) { return is_none(m[u].parent) ? std::string{} : m[m[u].parent].key; }

    static void write_json(std::ostream& out, const report& r) {
        auto doc = nlohmann::json::array();
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            auto u = make_id<unit_id>(i);
            auto row = to_json(r.rows[i]);
            row["unit"] = r.m[u].key;
            row["name"] = r.m[u].name;
            row["level"] = r.m.level_name(u);
            row["parent"] = is_none(r.m[u].parent) ? nlohmann::json(nullptr) : nlohmann::json(parent_key(r.m, u));
            row["indicators"] = r.indicators[i].subtree.total;
            row["indicators_met"] = r.indicators[i].subtree.met;
            row["status"] = std::string(to_string(r.lights[i]));
            doc.push_back(std::move(row));
        }
        out << doc.dump(2) << '\n';
    }

    static void write_csv(std::ostream& out, const report& r) {
        static constexpr std::string_view columns[] = {
            "unit", "name", "level", "parent", "total", "done", "done_on_time", "done_late", "in_progress",
            "overdue", "cancelled", "completion_rate", "on_time_rate", "weighted_completion", "percent_complete",
            "indicators", "indicators_met", "status"};
        detail::csv_writer csv(columns, {}, "rollup");
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            auto u = make_id<unit_id>(i);
            const auto& c = r.rows[i];
            csv.row(std::vector<std::string>{
                r.m[u].key, r.m[u].name, r.m.level_name(u), parent_key(r.m, u), std::to_string(c.total()),
                std::to_string(c.done()), std::to_string(c.done_on_time()), std::to_string(c.done_late()),
                std::to_string(c.in_progress()), std::to_string(c.overdue()), std::to_string(c.cancelled()),
                detail::number_cell(c.completion_rate()), detail::number_cell(c.on_time_rate()),
                detail::number_cell(c.weighted_completion()), detail::number_cell(c.percent_complete()),
                std::to_string(r.indicators[i].subtree.total), std::to_string(r.indicators[i].subtree.met),
                std::string(to_string(r.lights[i]))});
        }
        out << csv.text();
    }

    /// A table for a person: hierarchy order, names indented by depth, a totals line.
    void write_table(std::ostream& out, const report& r) const {
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
        for (unit_id u : r.units.pre_order())
            line(text_table::indent(r.units.depth(u)) + r.m[u].key + " " + r.m[u].name, r.m.level_name(u),
                 r.rows[index(u)], r.indicators[index(u)].subtree, std::string(to_string(r.lights[index(u)])));
        status_counts all;
        indicator_counts all_ind;
        for (unit_id root : r.units.roots()) all += r.rows[index(root)], all_ind += r.indicators[index(root)].subtree;
        if (r.units.roots().size() > 1) line("total", "", all, all_ind, "");
        t.print(out);
        out << "as of " << format_date(*as_of) << ": " << all.done() << "/" << all.total() << " tasks done ("
            << percent_text(all.completion_rate()) << "), " << all.done_on_time() << " on schedule, " << all.overdue()
            << " overdue; " << all_ind.met << "/" << all_ind.total << " indicators met\n";
    }
};

}  // namespace plangraph::cli
