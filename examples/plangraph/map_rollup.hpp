#pragma once
// The rollup command's reports (DESIGN.md, "Units over time", "Progress over time", `--map`): per
// as-of date, the rows, indicators and traffic lights on the map of that date (or of --map),
// computed once for every format, and the order the formats show them in. An undated model's map
// holds every unit and nothing is unmapped, so its report is the plain rollup; a dated one starts
// with "(unmapped)". Dates that share a map share one pass over the tasks (series.hpp): with
// --map that is every date, without it the dates between two of map_change_days(m).
#include "loader.hpp"
#include "progress.hpp"

#include <plangraph/aggregate.hpp>
#include <plangraph/earned_schedule.hpp>
#include <plangraph/model.hpp>
#include <plangraph/placement.hpp>
#include <plangraph/traffic_light.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace plangraph::cli {

/// One as-of date's report on one map.
struct map_rollup {
    std::shared_ptr<const unit_map> map;           // shared by the dates of one map
    date as_of{};
    date map_day{};                                // --map, or the as-of date (the map is the same)
    std::vector<status_counts> rows;               // by unit id, then the unmapped row
    std::vector<unit_indicator_counts> indicators;  // likewise
    std::vector<traffic_light> lights;             // likewise
    std::vector<unit_id> shown;                    // report_rows: what every format lists
    std::vector<earned_schedule_row> earned{};     // likewise; empty without a baseline

    bool unmapped_shown() const { return !shown.empty() && shown.front() == map->unmapped(); }

    /// The table's order: "(unmapped)" first when shown, then the map's units in hierarchy order,
    /// each with its depth.
    std::vector<std::pair<unit_id, std::size_t>> table_order() const {
        std::vector<std::pair<unit_id, std::size_t>> out;
        if (unmapped_shown()) out.emplace_back(map->unmapped(), 0);
        for (unit_id u : map->tree().pre_order())
            if (map->on_map(u)) out.emplace_back(u, map->tree().depth(u));
        return out;
    }

    /// The rows that together count every task once: the map's roots and "(unmapped)" when shown.
    std::vector<unit_id> top_rows() const {
        std::vector<unit_id> out;
        if (unmapped_shown()) out.push_back(map->unmapped());
        for (unit_id root : map->tree().roots())
            if (map->on_map(root)) out.push_back(root);
        return out;
    }
};

/// The reports of `dates`, all on `map`: a single date by the single-date rollup, several in one pass.
inline void reports_on_map(const loaded_model& loaded, std::span<const date> dates, std::shared_ptr<const unit_map> map,
                           std::optional<date> on, const light_rules& rules, std::vector<map_rollup>& out) {
    const auto& m = loaded.model;
    const auto shown = report_rows(m, *map);
    std::vector<std::vector<earned_schedule_row>> earned;
    if (loaded.agreed) earned = earned_schedule_engine(m, *loaded.agreed, *map).series(dates);
    if (dates.size() == 1) {
        auto rows = rollup_units(m, dates.front(), *map);
        auto indicators = count_indicators(m, aggregate_indicators(m), *map);
        auto lights = traffic_lights(map->tree(), rows, indicators, rules);
        out.push_back({map, dates.front(), on.value_or(dates.front()), std::move(rows), std::move(indicators),
                       std::move(lights), shown});
    } else {
        auto s = rollup_report_series(m, dates, *map, rules);
        for (std::size_t j = 0; j < dates.size(); ++j)
            out.push_back({map, dates[j], on.value_or(dates[j]), std::move(s.units.rows[j]), s.indicator_counts,
                           std::move(s.lights[j]), shown});
    }
    for (std::size_t j = 0; j < earned.size(); ++j) out[out.size() - earned.size() + j].earned = std::move(earned[j]);
}

/// A report per as-of date (increasing), on the map of `on` when given, else each on its own map.
inline std::vector<map_rollup> map_rollups(const loaded_model& loaded, std::span<const date> dates,
                                           std::optional<date> on, const light_rules& rules) {
    const auto& m = loaded.model;
    std::vector<map_rollup> out;
    if (on) {
        reports_on_map(loaded, dates, std::make_shared<const unit_map>(m, *on), on, rules, out);
        return out;
    }
    const auto changes = map_change_days(m);
    auto epoch = [&](date d) { return std::upper_bound(changes.begin(), changes.end(), d) - changes.begin(); };
    for (std::size_t first = 0, last = 0; first < dates.size(); first = last) {
        while (last < dates.size() && epoch(dates[last]) == epoch(dates[first])) ++last;
        reports_on_map(loaded, dates.subspan(first, last - first), std::make_shared<const unit_map>(m, dates[first]),
                       std::nullopt, rules, out);
    }
    return out;
}

}  // namespace plangraph::cli
