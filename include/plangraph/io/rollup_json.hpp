#pragma once
// Rollups as JSON (nlohmann-json): a unit's status_counts, and partial rollups that a province's
// server writes and the centre reads back and merges (merge_partials in rollup.hpp). Optional:
// not part of the umbrella header, since it needs nlohmann-json.
//
// A partial rollup:
//   {"as_of": "2025-12-31", "units": [{"unit": "P01", "done_on_time": 3, "done_late": 1,
//     "in_progress": 2, "overdue": 0, "cancelled": 0, "weight": 6.0, "weight_done": 4.0,
//     "duration": 30.0, "duration_done": 21.5, "total": 6, "done": 4,
//     "completion_rate": 0.666…, "on_time_rate": 0.75}, …]}
// The derived figures (total, done, rates; null when absent) are written for readers and
// ignored on reading; the raw counts and sums are what merges.
//
// A row of a rollup report (rollup_row_json): a unit's counts plus "unit", "name", "level" and
// "parent" (null for a root and for the unmapped row of a map, report_unit_of in placement.hpp).
#include "../date.hpp"
#include "../error.hpp"
#include "../placement.hpp"
#include "../rollup.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace plangraph {

namespace detail {
inline nlohmann::json optional_json(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace detail

/// The counts and rates of one node; rates are null when absent.
inline nlohmann::json to_json(const status_counts& c) {
    nlohmann::json j;
    j["total"] = c.total();
    j["done"] = c.done();
    for (std::size_t s = 0; s < task_status_count; ++s)
        j[std::string(to_string(static_cast<task_status>(s)))] = c.by_status[s];
    j["completion_rate"] = detail::optional_json(c.completion_rate());
    j["on_time_rate"] = detail::optional_json(c.on_time_rate());
    j["weight"] = c.weight;
    j["weight_done"] = c.weight_done;
    j["weighted_completion"] = detail::optional_json(c.weighted_completion());
    j["duration"] = c.duration;
    j["duration_done"] = c.duration_done;
    j["percent_complete"] = detail::optional_json(c.percent_complete());
    return j;
}

/// Reads the raw counts and sums back; throws parse_error naming the missing or bad field.
inline status_counts counts_from_json(const nlohmann::json& j, const std::string& where = "counts") {
    auto field = [&](const char* name) -> const nlohmann::json& {
        if (!j.is_object() || !j.contains(name)) throw parse_error({}, where + ": missing field '" + name + "'");
        return j.at(name);
    };
    status_counts c;
    for (std::size_t s = 0; s < task_status_count; ++s) {
        const auto& v = field(std::string(to_string(static_cast<task_status>(s))).c_str());
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
            throw parse_error({}, where + ": " + std::string(to_string(static_cast<task_status>(s))) +
                                      " is not a count");
        c.by_status[s] = v.get<std::uint64_t>();
    }
    auto number = [&](const char* name) {
        const auto& v = field(name);
        if (!v.is_number()) throw parse_error({}, where + ": " + name + " is not a number");
        return v.get<double>();
    };
    c.weight = number("weight");
    c.weight_done = number("weight_done");
    c.duration = number("duration");
    c.duration_done = number("duration_done");
    return c;
}

inline nlohmann::json to_json(const partial_rollup& p) {
    nlohmann::json units = nlohmann::json::array();
    for (std::size_t i = 0; i < p.units.size(); ++i) {
        auto row = to_json(p.counts[i]);
        row["unit"] = p.units[i];
        units.push_back(std::move(row));
    }
    return {{"as_of", format_date(p.as_of)}, {"units", std::move(units)}};
}

/// Reads a partial rollup; throws parse_error naming what is wrong.
inline partial_rollup partial_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("as_of") || !j["as_of"].is_string())
        throw parse_error({}, "partial rollup: missing 'as_of' date");
    auto day = parse_date(j["as_of"].get<std::string>());
    if (!day) throw parse_error({}, "partial rollup: 'as_of' is not a YYYY-MM-DD date");
    if (!j.contains("units") || !j["units"].is_array())
        throw parse_error({}, "partial rollup: missing 'units' array");
    partial_rollup p{.as_of = *day};
    for (const auto& row : j["units"]) {
        if (!row.is_object() || !row.contains("unit") || !row["unit"].is_string())
            throw parse_error({}, "partial rollup: a unit row without 'unit'");
        p.units.push_back(row["unit"].get<std::string>());
        p.counts.push_back(counts_from_json(row, "unit " + p.units.back()));
    }
    return p;
}

/// One row of a rollup report: the unit's fields and its counts.
inline nlohmann::json rollup_row_json(const report_unit& u, const status_counts& c) {
    auto row = to_json(c);
    row["unit"] = u.key;
    row["name"] = u.name;
    row["level"] = u.level;
    row["parent"] = u.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.parent);
    return row;
}

inline std::string write_partial(const partial_rollup& p) { return to_json(p).dump(); }

inline partial_rollup read_partial(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) throw parse_error({}, "partial rollup: not valid JSON");
    return partial_from_json(j);
}

}  // namespace plangraph
