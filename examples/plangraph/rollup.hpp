#pragma once
// `plangraph rollup --model DIR|FILE.json | --mspdi FILE --as-of DATE[,DATE…] [--map DATE]
//                   [--format table|json|csv] [--rule default|all-children-green]`
// (or --from DATE --to DATE --every week|month|day instead of --as-of; see progress.hpp)
// Per unit, over the unit hierarchy (its own tasks plus all its descendants'): the counts and
// rates of DESIGN.md, weighted completion, duration-weighted percent complete, indicators met
// and the traffic light. With dated units, on the map of --map (default: each as-of date): one
// row per unit on that map, after a row "(unmapped)" over the tasks on none (map_rollup.hpp).
// JSON: an array with one object per row, in model order, the library's rollup row JSON plus
// indicators and status; a rate is null when its denominator is 0. CSV: one row per row of the
// report. The table lists units in hierarchy order, indented by depth, with a totals line when
// there are several top rows.
// Several dates make a series (one pass per map): JSON is an array of {"as_of": D, "units":
// [...]} in date order, CSV rows start with an as_of column, the table has one block per date; a
// single date gives exactly the output above. With the model's baseline.csv every row also
// carries its earned schedule (progress.hpp).
#include "cli.hpp"
#include "loader.hpp"
#include "map_rollup.hpp"
#include "progress.hpp"
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
    series_dates when{};
    std::optional<date> map_date{};
    std::string format{}, rule{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_series_options(app, when);
        add_date(app, "--map", map_date, "place tasks on the map of this date (default: each as-of date)");
        add_format(app, format);
        add_choice(app, "--rule", rule, {"default", "all-children-green"}, "traffic-light rule");
    }
    std::string input() const override { return source.path(); }

    int run(std::ostream& out) override {
        const auto dates = when.dates();
        auto loaded = load_model(source);
        auto rules = rule == "default" ? light_rules{} : light_rules::all_children_green();
        const auto reports = map_rollups(loaded, dates, map_date, rules);
        const auto& m = loaded.model;
        if (format == "json") write_json(out, m, reports);
        else if (format == "csv") write_csv(out, m, reports);
        else
            for (std::size_t j = 0; j < reports.size(); ++j) {
                if (j) out << '\n';
                write_table(out, m, reports[j]);
            }
        return success;
    }

    static void write_json(std::ostream& out, const model& m, const std::vector<map_rollup>& reports) {
        if (reports.size() == 1) {
            out << units_json(m, reports.front()).dump(2) << '\n';
            return;
        }
        std::vector<date> dates;
        std::vector<nlohmann::json> units;
        for (const auto& r : reports) dates.push_back(r.as_of), units.push_back(units_json(m, r));
        out << series_json(dates, std::move(units)).dump(2) << '\n';
    }

    static nlohmann::json units_json(const model& m, const map_rollup& r) {
        auto doc = nlohmann::json::array();
        for (unit_id u : r.shown) {
            auto row = rollup_row_json(report_unit_of(m, *r.map, u), r.rows[index(u)]);
            row["indicators"] = r.indicators[index(u)].subtree.total;
            row["indicators_met"] = r.indicators[index(u)].subtree.met;
            row["status"] = std::string(to_string(r.lights[index(u)]));
            if (!r.earned.empty()) row.update(io::earned_schedule_json(r.earned[index(u)]));
            doc.push_back(std::move(row));
        }
        return doc;
    }

    static void write_csv(std::ostream& out, const model& m, const std::vector<map_rollup>& reports) {
        static constexpr std::string_view columns[] = {
            "unit", "name", "level", "parent", "total", "done", "done_on_time", "done_late", "in_progress",
            "overdue", "cancelled", "completion_rate", "on_time_rate", "weighted_completion", "percent_complete",
            "indicators", "indicators_met", "status"};
        const bool series = reports.size() > 1, earned = !reports.front().earned.empty();
        detail::csv_writer csv(rollup_csv_columns(columns, series, earned), {}, "rollup");
        for (const auto& r : reports)
            for (unit_id u : r.shown) {
                auto who = report_unit_of(m, *r.map, u);
                const auto& c = r.rows[index(u)];
                std::vector<std::string> cells{
                    who.key, who.name, who.level, who.parent, std::to_string(c.total()),
                    std::to_string(c.done()), std::to_string(c.done_on_time()), std::to_string(c.done_late()),
                    std::to_string(c.in_progress()), std::to_string(c.overdue()), std::to_string(c.cancelled()),
                    detail::number_cell(c.completion_rate()), detail::number_cell(c.on_time_rate()),
                    detail::number_cell(c.weighted_completion()), detail::number_cell(c.percent_complete()),
                    std::to_string(r.indicators[index(u)].subtree.total),
                    std::to_string(r.indicators[index(u)].subtree.met), std::string(to_string(r.lights[index(u)]))};
                if (series) cells.insert(cells.begin(), format_date(r.as_of));
                if (earned) {
                    auto more = earned_cells(r.earned[index(u)]);
                    cells.insert(cells.end(), more.begin(), more.end());
                }
                csv.row(cells);
            }
        out << csv.text();
    }

    /// A table for a person: hierarchy order, names indented by depth, a totals line.
    static void write_table(std::ostream& out, const model& m, const map_rollup& r) {
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
        for (auto [u, depth] : r.table_order()) {
            auto who = report_unit_of(m, *r.map, u);
            line(text_table::indent(depth) + who.key + (u == r.map->unmapped() ? "" : " " + who.name), who.level,
                 r.rows[index(u)], r.indicators[index(u)].subtree, std::string(to_string(r.lights[index(u)])),
                 r.earned.empty() ? nullptr : &r.earned[index(u)]);
        }
        status_counts all;
        indicator_counts all_ind;
        const auto top = r.top_rows();
        for (unit_id u : top) all += r.rows[index(u)], all_ind += r.indicators[index(u)].subtree;
        if (top.size() > 1) line("total", "", all, all_ind, "", nullptr);
        t.print(out);
        out << "as of " << format_date(r.as_of)
            << (m.dated() ? " on the map of " + format_date(r.map_day) : std::string{}) << ": " << all.done() << "/"
            << all.total() << " tasks done (" << percent_text(all.completion_rate()) << "), " << all.done_on_time()
            << " on schedule, " << all.overdue() << " overdue; " << all_ind.met << "/" << all_ind.total
            << " indicators met\n";
    }
};

}  // namespace plangraph::cli
