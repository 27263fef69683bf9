#pragma once
// `plangraph rollup --model DIR|FILE.json | --mspdi FILE --as-of DATE[,DATE…] [--format table|json|csv]
//                   [--rule default|all-children-green]`
// (or --from DATE --to DATE --every week|month|day instead of --as-of; see progress.hpp)
// Per unit, over the unit hierarchy (its own tasks plus all its descendants'): the counts and
// rates of DESIGN.md, weighted completion, duration-weighted percent complete, indicators met
// and the traffic light. JSON: an array with one object per unit, in model order, the library's
// status_counts JSON plus the unit's fields; a rate is null when its denominator is 0. CSV: one
// row per unit through the library's CSV writer. The table lists units in hierarchy order,
// indented by depth, with a totals line when there are several roots.
// Several dates make a series (series.hpp, one pass): JSON is an array of {"as_of": D, "units":
// [...]} in date order, CSV rows start with an as_of column, the table has one block per date; a
// single date gives exactly the output above. With the model's baseline.csv every row also
// carries its earned schedule (progress.hpp).
#include "cli.hpp"
#include "loader.hpp"
#include "progress.hpp"
#include "table.hpp"

#include <plangraph/aggregate.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/rollup_json.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/series.hpp>
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
    series_dates when{};
    std::string format{}, rule{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_series_options(app, when);
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
        date as_of{};
        std::vector<earned_schedule_row> earned{};  // per unit; empty without a baseline
    };

    int run(std::ostream& out) override {
        const auto dates = when.dates();
        auto loaded = load_model(source);
        auto reports = dates.size() == 1 ? one_report(loaded.model, dates.front()) : series_reports(loaded.model, dates);
        auto earned = earned_rows(loaded, dates);
        for (std::size_t j = 0; j < earned.size(); ++j) reports[j].earned = std::move(earned[j]);
        if (format == "json") write_json(out, reports);
        else if (format == "csv") write_csv(out, reports);
        else
            for (std::size_t j = 0; j < reports.size(); ++j) {
                if (j) out << '\n';
                write_table(out, reports[j]);
            }
        return success;
    }

    light_rules rules() const { return rule == "default" ? light_rules{} : light_rules::all_children_green(); }

    std::vector<report> one_report(const model& m, date as_of) const {
        auto units = m.unit_hierarchy();
        auto rows = rollup_units(m, as_of);
        auto indicators = count_indicators(m.indicators(), aggregate_indicators(m), units);
        auto lights = traffic_lights(units, rows, indicators, rules());
        std::vector<report> out;
        out.push_back({m, std::move(units), std::move(rows), std::move(indicators), std::move(lights), as_of});
        return out;
    }

    /// One report per date, from one pass over the tasks (series.hpp).
    std::vector<report> series_reports(const model& m, std::span<const date> dates) const {
        auto s = rollup_report_series(m, dates, rules());
        std::vector<report> out;
        for (std::size_t j = 0; j < dates.size(); ++j)
            out.push_back({m, m.unit_hierarchy(), std::move(s.units.rows[j]), s.indicator_counts, std::move(s.lights[j]),
                           dates[j]});
        return out;
    }

    static std::string parent_key(const model& m, unit_id u) { return is_none(m[u].parent) ? std::string{} : m[m[u].parent].key; }

    static void write_json(std::ostream& out, const std::vector<report>& reports) {
        if (reports.size() == 1) {
            out << units_json(reports.front()).dump(2) << '\n';
            return;
        }
        std::vector<date> dates;
        std::vector<nlohmann::json> units;
        for (const auto& r : reports) dates.push_back(r.as_of), units.push_back(units_json(r));
        out << series_json(dates, std::move(units)).dump(2) << '\n';
    }

    static nlohmann::json units_json(const report& r) {
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
            if (!r.earned.empty()) row.update(io::earned_schedule_json(r.earned[i]));
            doc.push_back(std::move(row));
        }
        return doc;
    }

    static void write_csv(std::ostream& out, const std::vector<report>& reports) {
        static constexpr std::string_view columns[] = {
            "unit", "name", "level", "parent", "total", "done", "done_on_time", "done_late", "in_progress",
            "overdue", "cancelled", "completion_rate", "on_time_rate", "weighted_completion", "percent_complete",
            "indicators", "indicators_met", "status"};
        const bool series = reports.size() > 1, earned = !reports.front().earned.empty();
        detail::csv_writer csv(rollup_csv_columns(columns, series, earned), {}, "rollup");
        for (const auto& r : reports)
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            auto u = make_id<unit_id>(i);
            const auto& c = r.rows[i];
            std::vector<std::string> cells{
                r.m[u].key, r.m[u].name, r.m.level_name(u), parent_key(r.m, u), std::to_string(c.total()),
                std::to_string(c.done()), std::to_string(c.done_on_time()), std::to_string(c.done_late()),
                std::to_string(c.in_progress()), std::to_string(c.overdue()), std::to_string(c.cancelled()),
                detail::number_cell(c.completion_rate()), detail::number_cell(c.on_time_rate()),
                detail::number_cell(c.weighted_completion()), detail::number_cell(c.percent_complete()),
                std::to_string(r.indicators[i].subtree.total), std::to_string(r.indicators[i].subtree.met),
                std::string(to_string(r.lights[i]))};
            if (series) cells.insert(cells.begin(), format_date(r.as_of));
            if (earned) {
                auto more = earned_cells(r.earned[i]);
                cells.insert(cells.end(), more.begin(), more.end());
            }
            csv.row(cells);
        }
        out << csv.text();
    }

    /// A table for a person: hierarchy order, names indented by depth, a totals line.
    static void write_table(std::ostream& out, const report& r) {
        using col = text_table::column;
        constexpr auto right = text_table::align::right;
        std::vector<col> columns{col{"unit"}, col{"level"}, col{"total", right}, col{"done", right}, col{"on time", right},
                                 col{"late", right}, col{"in progress", right}, col{"overdue", right},
                                 col{"cancelled", right}, col{"done %", right}, col{"on time %", right},
                                 col{"indicators met", right}, col{"status"}};
        if (!r.earned.empty()) columns.insert(columns.end(), {col{"PV", right}, col{"EV", right}, col{"SPI(t)", right}});
        text_table t(std::move(columns));
        auto line = [&](std::string name, std::string level, const status_counts& c, const indicator_counts& ind,
                        std::string status, const earned_schedule_row* es) {
            std::vector<std::string> cells{
                std::move(name), std::move(level), std::to_string(c.total()), std::to_string(c.done()),
                std::to_string(c.done_on_time()), std::to_string(c.done_late()), std::to_string(c.in_progress()),
                std::to_string(c.overdue()), std::to_string(c.cancelled()), percent_text(c.completion_rate()),
                percent_text(c.on_time_rate()),
                ind.total ? std::to_string(ind.met) + "/" + std::to_string(ind.total) : "-", std::move(status)};
            if (es) {
                auto more = earned_table_cells(*es);
                cells.insert(cells.end(), more.begin(), more.end());
            }
            t.row(std::move(cells));
        };
        for (unit_id u : r.units.pre_order())
            line(text_table::indent(r.units.depth(u)) + r.m[u].key + " " + r.m[u].name, r.m.level_name(u),
                 r.rows[index(u)], r.indicators[index(u)].subtree, std::string(to_string(r.lights[index(u)])),
                 r.earned.empty() ? nullptr : &r.earned[index(u)]);
        status_counts all;
        indicator_counts all_ind;
        for (unit_id root : r.units.roots()) all += r.rows[index(root)], all_ind += r.indicators[index(root)].subtree;
        if (r.units.roots().size() > 1) line("total", "", all, all_ind, "", nullptr);
        t.print(out);
        out << "as of " << format_date(r.as_of) << ": " << all.done() << "/" << all.total() << " tasks done ("
            << percent_text(all.completion_rate()) << "), " << all.done_on_time() << " on schedule, " << all.overdue()
            << " overdue; " << all_ind.met << "/" << all_ind.total << " indicators met\n";
    }
};

}  // namespace plangraph::cli
