// A tour of plangraph in one page: build a small model in code, schedule it, roll it up.
//
//   VN (centre) ── NA (province) ── NA-01 (commune)
//   tasks of NA-01:  survey ──FS──▶ build ──FS+2──▶ hand over (milestone)
//
// The README quotes this file; CI runs it.
#include <plangraph/plangraph.hpp>

#include <iostream>

int main() {
    using namespace plangraph;
    using boost::gregorian::date;

    // 1. The model: units, then tasks of a unit, then the links between tasks.
    model m;
    auto vn = m.add_unit({.key = "VN", .name = "Centre"});
    auto na = m.add_unit({.key = "NA", .name = "Nghệ An", .parent = vn});
    auto commune = m.add_unit({.key = "NA-01", .name = "Commune 1", .parent = na});

    auto survey = m.add_task({.key = "survey", .name = "Survey needs", .unit = commune,
                              .start = date(2025, 9, 1), .duration = 5});
    auto build = m.add_task({.key = "build", .name = "Build the portal", .unit = commune,
                             .due = date(2025, 9, 30), .duration = 10});
    auto handover = m.add_task({.key = "handover", .name = "Hand over", .unit = commune,
                                .due = date(2025, 10, 3)});  // no duration: a milestone
    m.add_link({.from = survey, .to = build});
    m.add_link({.from = build, .to = handover, .lag = 2});

    // 2. Scheduling: early/late dates and slack in working days (Mon–Fri by default).
    auto plan = schedule(m);
    for (const auto& t : m.tasks()) {
        const auto& s = plan[*m.find_task(t.key)];
        std::cout << t.key << ": " << format_date(s.early_start) << " .. " << format_date(s.early_finish)
                  << ", slack " << s.total_slack << (s.critical ? " (critical)" : "") << "\n";
    }

    // 3. Progress, then a rollup as of a date: each unit counts its own and its descendants' tasks.
    m.set_completed(survey, date(2025, 9, 5));
    m.set_completed(build, date(2025, 10, 2));  // three days late
    auto rows = rollup_units(m, date(2025, 10, 6));
    const auto& province = rows[index(na)];
    std::cout << "Nghệ An: " << province.done() << "/" << province.total() << " done, "
              << province.done_on_time() << " on time, " << province.overdue() << " overdue\n";

    // The handover milestone is overdue as of 6 October, so the province is not green.
    bool ok = plan[build].early_start == date(2025, 9, 8) && province.done() == 2 &&
              province.done_on_time() == 1 && province.overdue() == 1;
    return ok ? 0 : 1;
}
