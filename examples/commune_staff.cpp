// Plan 02's 16 tasks in one commune with three officials: the critical path's dates, which assume
// as many people as the plan needs, beside the levelled ones, which the three can keep, and why
// each task moved. Checks what a levelled schedule promises (every link holds, no official on
// two tasks at once, never shorter than the critical path, the same seed gives the same dates)
// and its figures.
// The model itself is in commune_staff.hpp (the TaskJuggler comparison levels it too).
#include "commune_staff.hpp"

#include <plangraph/level.hpp>
#include <plangraph/plangraph.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

using namespace plangraph;
using plangraph::example::commune_staff_model;

namespace {

int failures = 0;
void check(bool ok, const std::string& what) {
    if (ok) return;
    std::cerr << "FAILED: " << what << '\n';
    ++failures;
}

}  // namespace

int main() {
    const model m = commune_staff_model();
    const resource_id office = *m.find_resource("OFFICE");

    const auto cpm = schedule(m);
    const auto levelled = level(m, cpm, {.budget = 2'000, .seed = 1});

    std::cout << "task  critical path            levelled                 delay  why\n";
    int moved = 0;
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        const auto& c = cpm.tasks[i];
        const auto& l = levelled.tasks[i];
        std::string why = "-";
        if (l.delay > 0) {
            ++moved;
            why.clear();
            for (auto r : l.delayed_by) why += (why.empty() ? "waits for " : " and ") + m[r].key;
            if (why.empty()) why = "its links hold it behind a task that moved";
        }
        std::string key(m.tasks()[i].key);
        std::cout << key << std::string(6 - key.size(), ' ') << format_date(c.early_start) << " .. "
                  << format_date(c.early_finish) << "   " << format_date(l.start) << " .. " << format_date(l.finish) << "  "
                  << std::string(l.delay < 10 ? 4 : l.delay < 100 ? 3 : 2, ' ') << l.delay << "  " << why << '\n';
    }
    std::cout << "\ncritical path " << format_date(cpm.start) << " .. " << format_date(cpm.finish) << " ("
              << cpm.finish_moment - cpm.start_moment << " working days); levelled .. " << format_date(levelled.finish) << " ("
              << levelled.span << " working days, " << levelled.schedules << " schedules tried), " << moved
              << " tasks moved\n";
    for (const auto& late : levelled.late)
        std::cout << "  " << m[late.task].key << " finishes " << late.days_late << " working days after its deadline "
                  << format_date(late.deadline) << " because of levelling\n";

    // What a levelled schedule promises.
    check(levelled.span >= cpm.finish_moment - cpm.start_moment, "never shorter than the critical path");
    for (const auto& k : m.links())
        check(levelled.tasks[index(k.to)].start_moment >= levelled.tasks[index(k.from)].finish_moment,
              std::string("link ").append(m[k.from].key).append(" -> ").append(m[k.to].key).append(" holds"));
    for (std::size_t r = 0; r < m.resources().size(); ++r) {
        std::vector<int> busy(static_cast<std::size_t>(levelled.tasks.back().finish_moment + levelled.span + 1), 0);
        for (const auto& d : m.demands())
            if (index(d.resource) == r)
                for (int x = levelled.tasks[index(d.task)].start_moment; x < levelled.tasks[index(d.task)].finish_moment; ++x)
                    busy[static_cast<std::size_t>(x)] += d.amount;
        check(*std::max_element(busy.begin(), busy.end()) <= 1, m.resources()[r].key + " is on one task at a time");
    }
    const auto again = level(m, cpm, {.budget = 2'000, .seed = 1});
    for (std::size_t i = 0; i < m.tasks().size(); ++i)
        check(again.tasks[i].start == levelled.tasks[i].start, "the same seed gives the same dates");
    // Its figures: three officials stretch the plan, and a task delayed by nobody moves only
    // behind a predecessor.
    check(moved > 0 && levelled.span > cpm.finish_moment - cpm.start_moment, "three officials stretch the plan");
    // The office official is the bottleneck: nothing of theirs can start before T2, after T1's
    // 5 days, and then they work without a break, so no schedule is shorter than this one.
    int office_days = 0;
    for (const auto& d : m.demands())
        if (d.resource == office) office_days += m[d.task].duration;
    check(office_days == 133 && levelled.span == 5 + office_days, "the levelled span is the office official's bound, 138");
    check(cpm.finish_moment - cpm.start_moment == 80, "the critical path takes 80 working days");
    check(moved == 11, "11 tasks move");
    const auto& t7 = levelled.tasks[index(*m.find_task("T7"))];
    check(t7.delay == 45 && t7.delayed_by.empty(), "T7 moves only behind T6");
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
