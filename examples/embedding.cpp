// Embedding plangraph in your own tool: your own data rides on units, tasks and indicators.
//
//   basic_model<office, budget, measure>      office  on every unit      (phone, staff)
//                                             budget  on every task      (VND)
//                                             measure on every indicator (what is counted)
//
//   VN Centre ─┬─ NA Nghệ An ─┬─ NA-01 Xã Diễn Châu    each commune: survey ─FS─▶ digitise ─FS─▶ train
//              │              └─ NA-02 Xã Quỳnh Lưu
//              └─ HT Hà Tĩnh ─── HT-01 Xã Cẩm Xuyên
//
// As of 31 October 2025, NA-02 has not digitised its records (due 15 October): the program
// prints each unit's progress with the budget of its overdue work and whom to call, and checks
// its figures (exit 1 on a mismatch). The library never looks inside the payloads; algorithms
// (schedule, rollup, aggregation) run on the id skeleton and your code reads the payload by id.
#include <plangraph/plangraph.hpp>

#include <cstdio>
#include <string>
#include <vector>

// Your types: any copyable type works, no base class, no registration.
struct office {
    std::string phone{};
    int staff = 0;
};
struct budget {
    double vnd = 0;
};
struct measure {
    std::string counted{};  // what the indicator's numbers count
};

using my_model = plangraph::basic_model<office, budget, measure>;

// printf pads by bytes and a Vietnamese letter takes two or three: pad by code points.
std::string pad(std::string s, std::size_t width) {
    std::size_t points = 0;
    for (char c : s) points += (c & 0xC0) != 0x80;
    if (points < width) s.append(width - points, ' ');
    return s;
}

int main() {
    using namespace plangraph;
    using boost::gregorian::date;

    // 1. Units, each with its office (the second argument of add_unit).
    my_model m;
    auto vn = m.add_unit({.key = "VN", .name = "Centre"}, {.phone = "024 3823 4567", .staff = 40});
    auto na = m.add_unit({.key = "NA", .name = "Nghệ An", .parent = vn}, {.phone = "0238 384 4521", .staff = 25});
    auto ht = m.add_unit({.key = "HT", .name = "Hà Tĩnh", .parent = vn}, {.phone = "0239 385 5120", .staff = 20});
    auto na01 = m.add_unit({.key = "NA-01", .name = "Xã Diễn Châu", .parent = na}, {.phone = "0238 386 2101", .staff = 8});
    auto na02 = m.add_unit({.key = "NA-02", .name = "Xã Quỳnh Lưu", .parent = na}, {.phone = "0238 386 4102", .staff = 6});
    auto ht01 = m.add_unit({.key = "HT-01", .name = "Xã Cẩm Xuyên", .parent = ht}, {.phone = "0239 386 1203", .staff = 7});

    // 2. The same three tasks in every commune, each with its budget; FS links between them.
    struct step { const char* key; const char* name; date due; int days; double vnd; };
    const step steps[] = {{"survey", "Survey the records", date(2025, 9, 8), 5, 20e6},
                          {"digitise", "Digitise the records", date(2025, 10, 15), 20, 150e6},
                          {"train", "Train the staff", date(2025, 11, 15), 10, 60e6}};
    auto add_commune_tasks = [&](unit_id commune) {
        std::vector<task_id> ids;
        for (const auto& s : steps) {
            ids.push_back(m.add_task({.key = m[commune].key + "/" + s.key, .name = s.name, .unit = commune,
                                      .start = ids.empty() ? std::optional<date>(date(2025, 9, 1)) : std::nullopt,
                                      .due = s.due, .duration = s.days},
                                     {.vnd = s.vnd}));
        }
        m.add_links(std::vector<plangraph::link>{{ids[0], ids[1]}, {ids[1], ids[2]}});
        return ids;
    };
    auto t_na01 = add_commune_tasks(na01), t_na02 = add_commune_tasks(na02), t_ht01 = add_commune_tasks(ht01);

    // 3. Indicators with their measure: villages with 4G coverage, communes summed into provinces.
    auto villages = [&](unit_id u, indicator_id parent, std::optional<double> target, std::optional<double> actual) {
        return m.add_indicator({.key = m[u].key + "/4G", .name = "Villages with 4G", .unit = u, .parent = parent,
                                .agg = aggregation::sum, .target = target, .actual = actual},
                               {.counted = "villages"});
    };
    auto na_4g = villages(na, no_id<indicator_id>, 30, std::nullopt);
    auto ht_4g = villages(ht, no_id<indicator_id>, 10, std::nullopt);
    villages(na01, na_4g, std::nullopt, 12);
    villages(na02, na_4g, std::nullopt, 10);
    villages(ht01, ht_4g, std::nullopt, 11);

    // 4. Schedule: Monday–Friday by default; the survey starts Monday 1 September.
    auto plan = schedule(m);
    std::printf("NA-01 schedule:\n");
    for (auto t : t_na01)
        std::printf("  %-22s %s .. %s  slack %d\n", std::string(m[t].name).c_str(), format_date(plan[t].early_start).c_str(),
                    format_date(plan[t].early_finish).c_str(), plan[t].total_slack);

    // 5. Progress as reported by the communes, then the rollup as of 31 October.
    m.set_completed(t_na01[0], date(2025, 9, 5));
    m.set_completed(t_na01[1], date(2025, 10, 10));
    m.set_completed(t_na02[0], date(2025, 9, 10));  // two days late; digitise still open: overdue
    m.set_completed(t_ht01[0], date(2025, 9, 4));
    m.set_completed(t_ht01[1], date(2025, 10, 20));  // late
    const date as_of(2025, 10, 31);
    auto rows = rollup_units(m, as_of);

    // 6. Your payloads in the output: the budget of overdue work, summed up the unit tree.
    std::vector<double> overdue_vnd(m.units().size(), 0.0);
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        auto t = make_id<task_id>(i);
        if (status_as_of(m[t], as_of) != task_status::overdue) continue;
        for (auto u = m[t].unit; !is_none(u); u = m[u].parent) overdue_vnd[index(u)] += m.data(t).vnd;
    }
    std::printf("\nas of %s:\n%-8s %s %5s  %-9s %7s  %16s  %s\n", format_date(as_of).c_str(), "unit",
                pad("name", 14).c_str(), "staff", "done", "overdue", "overdue budget", "phone");
    const auto units = m.unit_hierarchy();  // keep it: pre_order() is a view into it
    for (unit_id u : units.pre_order()) {
        const auto& r = rows[index(u)];
        std::string done = std::to_string(r.done()) + "/" + std::to_string(r.total());
        std::printf("%-8s %s %5d  %-9s %7llu  %10.0f M VND  %s\n", m[u].key.c_str(), pad(m[u].name, 14).c_str(),
                    m.data(u).staff, done.c_str(), static_cast<unsigned long long>(r.overdue()),
                    overdue_vnd[index(u)] / 1e6, m.data(u).phone.c_str());
    }

    // 7. Indicators aggregate by their rule (sum here); the measure names what was counted.
    auto values = aggregate_indicators(m);
    std::printf("\n");
    for (auto i : {na_4g, ht_4g})
        std::printf("%s: %.0f of %.0f %s with 4G (%s)\n", m[m[i].unit].name.c_str(), values[index(i)].value.value_or(0),
                    m[i].target.value_or(0), m.data(i).counted.c_str(),
                    values[index(i)].met.value_or(false) ? "met" : "not met");

    // The figures this program promises.
    bool ok = plan[t_na01[2]].early_finish == date(2025, 10, 17) && rows[index(vn)].total() == 9 &&
              rows[index(vn)].done() == 5 && rows[index(vn)].done_on_time() == 3 && rows[index(na)].overdue() == 1 &&
              rows[index(ht)].overdue() == 0 && overdue_vnd[index(vn)] == 150e6 && overdue_vnd[index(na02)] == 150e6 &&
              overdue_vnd[index(ht)] == 0 && values[index(na_4g)].value == 22.0 && values[index(na_4g)].met == false &&
              values[index(ht_4g)].met == true;
    if (!ok) std::fprintf(stderr, "embedding: a figure does not match what the comments promise\n");
    return ok ? 0 : 1;
}
