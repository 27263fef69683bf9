// Reproduces the published progress figures of the reference case (Resolution 57-NQ/TW) with
// models built in code, prints them, and exits non-zero when one does not come out as published.
//
//     a province: 139 tasks
//     Nghệ An:    102 tasks, 65 indicators
//     Nghệ An ──┬── commune 1 ── Plan 02's 16 tasks
//               ├── …
//               └── commune 130 ── Plan 02's 16 tasks
//
//   "113/139 tasks done (81.2%), 102 of them on schedule"
//   "Nghệ An: 40/102 tasks done; 39/65 indicators met"
//   "a province is green when all 130 of its communes have completed all 16 tasks"
#include <plangraph/plangraph.hpp>
#include <plangraph/generate.hpp>  // Plan 02's 16 tasks

#include <cmath>
#include <cstdio>
#include <string>

using namespace plangraph;

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    std::printf("  %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}

std::string percent(std::optional<double> r, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, r ? *r * 100.0 : 0.0);
    return buf;
}

// Published percentages are cut, not rounded: 113/139 = 81.29…% is reported as 81.2%.
double truncated_percent(double rate) { return std::floor(rate * 1000.0 + 1e-9) / 10.0; }

const date as_of{2025, 12, 31};
const date deadline{2025, 11, 30};

void add_tasks(model& m, unit_id u, const std::string& prefix, int on_time, int late, int in_progress, int overdue) {
    int n = 0;
    auto add = [&](std::optional<date> due, std::optional<date> completed) {
        m.add_task({.key = prefix + std::to_string(++n), .name = "Task " + std::to_string(n), .unit = u, .due = due,
                    .completed = completed});
    };
    for (int i = 0; i < on_time; ++i) add(deadline, date{2025, 11, 1});
    for (int i = 0; i < late; ++i) add(deadline, date{2025, 12, 10});
    for (int i = 0; i < in_progress; ++i) add(date{2026, 6, 30}, std::nullopt);
    for (int i = 0; i < overdue; ++i) add(deadline, std::nullopt);
}

void province_139() {
    std::puts("A province's report:");
    model m;
    auto p = m.add_unit({.key = "P", .name = "Province"});
    add_tasks(m, p, "P-", 102, 11, 20, 6);
    auto c = rollup_units(m, as_of)[index(p)];
    std::printf("  %llu/%llu tasks done (%s, published %.1f%%), %llu of them on schedule\n",
                static_cast<unsigned long long>(c.done()), static_cast<unsigned long long>(c.total()),
                percent(c.completion_rate()).c_str(), truncated_percent(*c.completion_rate()),
                static_cast<unsigned long long>(c.done_on_time()));
    expect(c.total() == 139 && c.done() == 113, "113/139 tasks done");
    expect(truncated_percent(*c.completion_rate()) == 81.2, "81.2% as published");
    expect(c.done_on_time() == 102, "102 on schedule");
}

void nghe_an() {
    std::puts("Nghệ An:");
    model m;
    auto na = m.add_unit({.key = "NA", .name = "Nghệ An"});
    add_tasks(m, na, "NA-", 35, 5, 50, 12);
    for (int i = 0; i < 65; ++i)
        m.add_indicator({.key = "NA-I" + std::to_string(i), .name = "Indicator " + std::to_string(i), .unit = na,
                         .target = 100, .actual = i < 39 ? 100.0 + i : 60.0});
    auto c = rollup_units(m, as_of)[index(na)];
    auto ind = count_indicators(m, aggregate_indicators(m))[index(na)].own;
    std::printf("  %llu/%llu tasks done (%s); %u/%u indicators met\n", static_cast<unsigned long long>(c.done()),
                static_cast<unsigned long long>(c.total()), percent(c.completion_rate()).c_str(), ind.met, ind.total);
    expect(c.done() == 40 && c.total() == 102, "40/102 tasks done");
    expect(ind.met == 39 && ind.total == 65, "39/65 indicators met");
}

void plan02_province() {
    std::puts("Plan 02 in a province of 130 communes:");
    model m;
    auto prov = m.add_unit({.key = "NA", .name = "Nghệ An"});
    for (int k = 1; k <= 130; ++k) {
        auto commune = m.add_unit({.key = "NA-X" + std::to_string(k), .name = "Commune " + std::to_string(k), .parent = prov});
        for (std::size_t t = 0; t < plan02_tasks().size(); ++t)
            m.add_task({.key = "NA-X" + std::to_string(k) + "-T" + std::to_string(t + 1),
                        .name = std::string(plan02_tasks()[t].name), .unit = commune,
                        .due = plan02_tasks()[t].due, .completed = plan02_tasks()[t].start});
    }
    const date end{2027, 1, 31};  // after every Plan 02 deadline
    const auto rules = light_rules::all_children_green();
    auto lights = traffic_lights(m.unit_hierarchy(), rollup_units(m, end), {}, rules);
    auto c = rollup_units(m, end)[index(prov)];
    std::printf("  %llu/%llu tasks done: the province is %s\n", static_cast<unsigned long long>(c.done()),
                static_cast<unsigned long long>(c.total()), std::string(to_string(lights[index(prov)])).c_str());
    expect(c.done() == 130 * 16 && lights[index(prov)] == traffic_light::green, "130 × 16 done: green");

    auto late = *m.find_task("NA-X77-T10");
    m.set_completed(late, std::nullopt);  // one commune has not finished its broadband task
    auto rows = rollup_units(m, end);
    lights = traffic_lights(m.unit_hierarchy(), rows, {}, rules);
    auto e = explain(m, prov, end, lights, {}, rules);
    std::printf("  one task undone: the province is %s, commune 77 is %s, because\n",
                std::string(to_string(lights[index(prov)])).c_str(),
                std::string(to_string(lights[index(*m.find_unit("NA-X77"))])).c_str());
    for (const auto& line : e.lines) std::printf("    - %s\n", line.c_str());
    expect(lights[index(prov)] == traffic_light::amber, "province amber");
    expect(lights[index(*m.find_unit("NA-X77"))] == traffic_light::red, "commune 77 red");
    expect(e.overdue.size() == 1 && e.overdue.front() == late && e.children.size() == 1 &&
               e.lines.size() == 2 && e.lines[0].find("NA-X77-T10") != std::string::npos &&
               e.lines[0].find("Commune 77") != std::string::npos,
           "the explanation names commune 77 and its task");
}

}  // namespace

int main() {
    province_139();
    nghe_an();
    plan02_province();
    if (failures) std::printf("%d figure(s) did not come out as published\n", failures);
    return failures ? 1 : 0;
}
