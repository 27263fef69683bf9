#pragma once
// The rollup command on the map of a date (DESIGN.md, "Units over time" and `--map`): the rows,
// indicators and traffic lights of a rollup as of D on the map of M, computed once for every
// format, and the order the formats show them in. An undated model's map holds every unit and
// nothing is unmapped, so its report is the plain rollup; a dated one starts with "(unmapped)".
#include <plangraph/aggregate.hpp>
#include <plangraph/model.hpp>
#include <plangraph/placement.hpp>
#include <plangraph/traffic_light.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace plangraph::cli {

struct map_rollup {
    unit_map map;
    std::vector<status_counts> rows;                  // by unit id, then the unmapped row
    std::vector<unit_indicator_counts> indicators;    // likewise
    std::vector<traffic_light> lights;                // likewise
    std::vector<unit_id> shown;                       // report_rows: what every format lists

    map_rollup(const model& m, date as_of, date on, const light_rules& rules)
        : map(m, on),
          rows(rollup_units(m, as_of, map)),
          indicators(count_indicators(m, aggregate_indicators(m), map)),
          lights(traffic_lights(map.tree(), rows, indicators, rules)),
          shown(report_rows(m, map)) {}

    bool unmapped_shown() const { return !shown.empty() && shown.front() == map.unmapped(); }

    /// The table's order: "(unmapped)" first when shown, then the map's units in hierarchy order,
    /// each with its depth.
    std::vector<std::pair<unit_id, std::size_t>> table_order() const {
        std::vector<std::pair<unit_id, std::size_t>> out;
        if (unmapped_shown()) out.emplace_back(map.unmapped(), 0);
        for (unit_id u : map.tree().pre_order())
            if (map.on_map(u)) out.emplace_back(u, map.tree().depth(u));
        return out;
    }

    /// The rows that together count every task once: the map's roots and "(unmapped)" when shown.
    std::vector<unit_id> top_rows() const {
        std::vector<unit_id> out;
        if (unmapped_shown()) out.push_back(map.unmapped());
        for (unit_id root : map.tree().roots())
            if (map.on_map(root)) out.push_back(root);
        return out;
    }
};

}  // namespace plangraph::cli
