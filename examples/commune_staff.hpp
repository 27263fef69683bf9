#pragma once
// Plan 02's 16 tasks in one commune with three officials, as a model: the example
// commune_staff.cpp levels it, and benchmarks/bench_tj3.cpp levels it beside TaskJuggler.
//
//   officials: CHAIR (the chairperson), OFFICE (the office and IT official), CULTURE (culture and
//   society); each task needs one, two or all three of them for its whole duration.
#include <plangraph/generate.hpp>
#include <plangraph/model.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace plangraph::example {

struct staffing {
    int days;               // working days
    const char* officials;  // who it needs: C, O, U (culture) letters
};

// Illustrative durations and staffing, in the order of plan02_tasks().
inline constexpr staffing plan02_staffing[16] = {
    {5, "C"},   {10, "CO"}, {15, "O"},  {20, "O"},  {25, "O"},  {10, "O"},  {5, "C"},   {15, "U"},
    {20, "U"},  {30, "C"},  {15, "U"},  {30, "O"},  {10, "O"},  {10, "CU"}, {3, "O"},   {10, "COU"}};

inline model commune_staff_model() {
    model m;
    calendar cal;
    cal.set_exception(date(2025, 9, 1), false);  // National Day holiday
    cal.set_exception(date(2025, 9, 2), false);
    m.set_calendar(cal);
    auto commune = m.add_unit({.key = "X", .name = "Commune X"});
    const resource_id chair = m.add_resource({.key = "CHAIR", .name = "Chairperson", .unit = commune, .capacity = 1});
    const resource_id office = m.add_resource({.key = "OFFICE", .name = "Office and IT official", .unit = commune, .capacity = 1});
    const resource_id culture = m.add_resource({.key = "CULTURE", .name = "Culture and society official", .unit = commune, .capacity = 1});
    for (std::size_t j = 0; j < 16; ++j) {
        const auto& t = plan02_tasks()[j];
        auto id = m.add_task({.key = std::string("T").append(std::to_string(j + 1)), .name = std::string(t.name), .unit = commune,
                              .start = t.start, .due = t.due, .duration = plan02_staffing[j].days});
        for (const char* c = plan02_staffing[j].officials; *c; ++c)
            m.add_demand({id, *c == 'C' ? chair : *c == 'O' ? office : culture, 1});
    }
    std::vector<link> links;
    for (auto [from, to] : detail::plan02_links)
        links.push_back({make_id<task_id>(static_cast<std::size_t>(from)), make_id<task_id>(static_cast<std::size_t>(to))});
    m.add_links(links);
    return m;
}

}  // namespace plangraph::example
