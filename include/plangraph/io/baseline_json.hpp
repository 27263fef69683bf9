#pragma once
// Baselines as JSON (nlohmann-json); optional, like io/json.hpp.
//
//   {"name": "original", "tasks": [{"task": "T1", "start": "2025-07-01", "finish": "2025-07-31"}, …]}
//
// and several named baselines as an array of those. earned_schedule_json writes a unit's earned
// schedule figures under DESIGN's names (planned_value, earned_value, spi, earned_schedule,
// actual_time, spi_t), null where absent, for rollup rows. Tasks are in model order. Reading checks each
// value's type and throws parse_error naming its JSON path; then every row is checked as a
// baseline.csv row is (io/baseline.hpp: unknown task, date out of range, finish before start, a
// second row for a task) and all such problems are thrown together as invalid_model.
#include "../baseline.hpp"
#include "../earned_schedule.hpp"
#include "../error.hpp"
#include "baseline.hpp"
#include "json.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plangraph::io {

template <class Model>
model_json baseline_to_json(const Model& m, const baseline& b) {
    model_json tasks = model_json::array();
    for (std::size_t i = 0; i < m.tasks().size(); ++i)
        if (auto e = b[make_id<task_id>(i)])
            tasks.push_back({{"task", m.tasks()[i].key}, {"start", format_date(e->start)}, {"finish", format_date(e->finish)}});
    return {{"name", b.name()}, {"tasks", std::move(tasks)}};
}

template <class Model>
model_json baselines_to_json(const Model& m, const baseline_set& set) {
    model_json out = model_json::array();
    for (const auto& b : set.all()) out.push_back(baseline_to_json(m, b));
    return out;
}

/// A unit's earned schedule figures, null where absent.
inline model_json earned_schedule_json(const earned_schedule_row& r) {
    auto number = [](const auto& v) { return v ? model_json(*v) : model_json(nullptr); };
    return {{"planned_value", number(r.planned_value)}, {"earned_value", number(r.earned_value)},
            {"spi", number(r.spi)},                     {"earned_schedule", number(r.earned_schedule)},
            {"actual_time", number(r.actual_time)},     {"spi_t", number(r.spi_t)}};
}

namespace detail {

template <class Model>
baseline baseline_from_json(const Model& m, const model_json& j, const std::string& path, const std::string& source,
                            std::vector<problem>& problems) {
    json_object doc(j, path, source, {"name", "tasks"});
    plangraph::detail::baseline_rows<Model> rows(m, doc.text("name"), problems);
    const auto& tasks = doc.array("tasks");
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const std::string at = doc.at("tasks") + "/" + std::to_string(i);
        json_object row(tasks[i], at, source, {"task", "start", "finish"});
        auto start = row.day("start"), finish = row.day("finish");
        if (!start) row.fail(row.at("start"), "missing");
        if (!finish) row.fail(row.at("finish"), "missing");
        auto where = [&](const std::string& p) { return location{source.empty() ? p : source + ":" + p, 0, 0}; };
        rows.add(row.text("task", true), start, finish, where(row.at("task")), where(row.at("start")), where(row.at("finish")));
    }
    return rows.take();
}

}  // namespace detail

/// One baseline from its JSON object; see the top of this header for what throws.
template <class Model>
baseline baseline_from_json(const Model& m, const model_json& j, const std::string& source = {}) {
    std::vector<problem> problems;
    auto b = detail::baseline_from_json(m, j, "", source, problems);
    if (!problems.empty()) throw invalid_model(std::move(problems));
    return b;
}

/// Several baselines from a JSON array (a later one of the same name replaces an earlier one).
template <class Model>
baseline_set baselines_from_json(const Model& m, const model_json& j, const std::string& source = {}) {
    if (!j.is_array()) throw parse_error({source, 0, 0}, std::string("/: expected an array, got ") + j.type_name());
    std::vector<problem> problems;
    baseline_set out;
    for (std::size_t i = 0; i < j.size(); ++i) out.add(detail::baseline_from_json(m, j[i], "/" + std::to_string(i), source, problems));
    if (!problems.empty()) throw invalid_model(std::move(problems));
    return out;
}

}  // namespace plangraph::io
