// History across the 1 July 2025 reorganisation: Tuyên Quang as it is now was formed from the old
// provinces of Hà Giang and Tuyên Quang. Work done in the first half of 2025 was recorded on the
// old communes; the rollup as of 31 December 2025 is shown on the map as it was (30 June 2025)
// and on the map as it is now, side by side, and its figures are asserted.
//
//   as of 2025-12-31    as it was (map of 2025-06-30)     as it is now (map of 2025-12-31)
//   unit                done/total  overdue               unit                done/total  overdue
//   …
//
// The old units: Hà Giang (communes Hà Giang 1 and 2) and the old Tuyên Quang (communes 1 and 2),
// until 2025-06-30. On 2025-07-01 both provinces pass to the new Tuyên Quang; Hà Giang 1 and 2
// merge into the new commune Bắc Hà Giang; old Tuyên Quang 1 goes into Minh Xuân; old Tuyên
// Quang 2 is split, 30% to Minh Xuân and 70% to Mỹ Lâm: its tasks go whole to Mỹ Lâm (the larger
// share), its indicator values by share.
#include <plangraph/detail/utf8.hpp>
#include <plangraph/plangraph.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

date day(const char* iso) { return *parse_date(iso); }

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "reorganisation: unexpected figure: %s\n", what);
    std::exit(1);
}

struct example {
    model m;
    unit_id vn, hg, tq_old, tq, hg1, hg2, tq1, tq2, bac_ha_giang, minh_xuan, my_lam;
};

example build_model() {
    example e;
    auto& m = e.m;
    const auto last_old_day = day("2025-06-30"), first_new_day = day("2025-07-01");
    auto old_unit = [&](const char* key, const char* name, unit_id parent) {
        return m.add_unit({.key = key, .name = name, .parent = parent, .valid_to = last_old_day});
    };
    auto new_unit = [&](const char* key, const char* name, unit_id parent) {
        return m.add_unit({.key = key, .name = name, .parent = parent, .valid_from = first_new_day});
    };
    e.vn = m.add_unit({.key = "VN", .name = "Việt Nam"});
    e.hg = old_unit("02", "Tỉnh Hà Giang (old)", e.vn);
    e.tq_old = old_unit("08-old", "Tỉnh Tuyên Quang (old)", e.vn);
    e.hg1 = old_unit("hg1", "Hà Giang 1", e.hg);
    e.hg2 = old_unit("hg2", "Hà Giang 2", e.hg);
    e.tq1 = old_unit("tq1", "Tuyên Quang 1", e.tq_old);
    e.tq2 = old_unit("tq2", "Tuyên Quang 2", e.tq_old);
    e.tq = new_unit("08", "Tỉnh Tuyên Quang", e.vn);
    e.bac_ha_giang = new_unit("bhg", "Phường Bắc Hà Giang", e.tq);
    e.minh_xuan = new_unit("mx", "Phường Minh Xuân", e.tq);
    e.my_lam = new_unit("ml", "Phường Mỹ Lâm", e.tq);
    m.add_successions(std::vector<succession>{
        {e.hg, e.tq, first_new_day},
        {e.tq_old, e.tq, first_new_day},
        {e.hg1, e.bac_ha_giang, first_new_day},
        {e.hg2, e.bac_ha_giang, first_new_day},
        {e.tq1, e.minh_xuan, first_new_day},
    });
    m.add_successions(std::vector<succession>{{e.tq2, e.minh_xuan, first_new_day, 0.3}, {e.tq2, e.my_lam, first_new_day, 0.7}});

    int n = 0;
    auto work = [&](unit_id owner, const char* due, const char* completed) {
        task t{.key = "T" + std::to_string(++n), .name = "Plan 02 task", .unit = owner, .due = day(due)};
        if (completed) t.completed = day(completed);
        m.add_task(t);
    };
    // First half of 2025, on the old communes.
    work(e.hg1, "2025-05-31", "2025-05-20");
    work(e.hg1, "2025-05-31", "2025-06-15");  // late
    work(e.hg1, "2025-06-30", nullptr);       // overdue ever since
    work(e.hg2, "2025-04-30", "2025-04-10");
    work(e.hg2, "2025-04-30", "2025-04-28");
    work(e.tq1, "2025-03-31", "2025-03-30");
    work(e.tq1, "2025-12-31", nullptr);  // still within its deadline
    work(e.tq2, "2025-06-30", "2025-06-20");
    work(e.tq2, "2025-06-30", "2025-06-25");
    // Second half, on the new communes.
    work(e.bac_ha_giang, "2025-11-30", "2025-11-20");
    work(e.minh_xuan, "2025-12-31", nullptr);
    work(e.my_lam, "2025-10-31", nullptr);  // overdue
    m.add_indicator({.key = "eid", .name = "Households with an electronic ID", .unit = e.tq2, .actual = 1000.0});
    return e;
}

std::string cell(const std::string& s, std::size_t width) {
    auto w = detail::display_width(s);
    return w < width ? s + std::string(width - w, ' ') : s;
}

/// The lines of one map's table: its units in pre-order, indented by depth, then (unmapped).
std::vector<std::string> table(const model& m, const unit_map& map, const std::vector<status_counts>& rows) {
    std::vector<std::string> lines;
    auto line = [&](const std::string& name, const status_counts& c) {
        char figures[48];
        std::snprintf(figures, sizeof figures, "%4llu/%-5llu %7llu", static_cast<unsigned long long>(c.done()),
                      static_cast<unsigned long long>(c.total()), static_cast<unsigned long long>(c.overdue()));
        lines.push_back(cell(name, 26) + figures);
    };
    for (unit_id u : map.tree().pre_order())
        if (map.on_map(u)) line(std::string(2 * map.tree().depth(u), ' ') + m[u].name, rows[index(u)]);
    line("(unmapped)", rows[index(map.unmapped())]);
    return lines;
}

}  // namespace

int main() try {
    auto e = build_model();
    const auto& m = e.m;
    const date as_of = day("2025-12-31");
    const unit_map was(m, day("2025-06-30")), now(m, as_of);
    const auto before = rollup_units(m, as_of, was), after = rollup_units(m, as_of, now);

    auto left = table(m, was, before), right = table(m, now, after);
    std::printf("as of %s\n%s   %s\n", format_date(as_of).c_str(), cell("as it was (map of 2025-06-30)", 46).c_str(),
                "as it is now (map of 2025-12-31)");
    std::printf("%s   %s\n", cell("unit                      done/total overdue", 46).c_str(),
                "unit                      done/total overdue");
    for (std::size_t i = 0; i < std::max(left.size(), right.size()); ++i)
        std::printf("%s   %s\n", cell(i < left.size() ? left[i] : "", 46).c_str(), i < right.size() ? right[i].c_str() : "");

    auto values = aggregate_indicators(m);
    std::printf("\nhouseholds with an electronic ID, recorded on Tuyên Quang 2 before the split:\n");
    for (const auto& p : place_indicators(m, values, now))
        std::printf("  %s %6.0f  (share %.1f)\n", cell(m[p.unit].name, 22).c_str(), p.value.value.value_or(0.0), p.share);

    // As it was: the old provinces carry the first half's work; the new communes' tasks are not
    // on that map.
    require(before[index(e.hg)].total() == 5 && before[index(e.hg)].done() == 4 && before[index(e.hg)].overdue() == 1, "Hà Giang");
    require(before[index(e.hg)].done_late() == 1, "Hà Giang late");
    require(before[index(e.tq_old)].total() == 4 && before[index(e.tq_old)].done() == 3, "old Tuyên Quang");
    require(before[index(e.tq)].total() == 0 && !was.on_map(e.tq), "new Tuyên Quang not yet on the old map");
    require(before[index(was.unmapped())].total() == 3 && before[index(was.unmapped())].overdue() == 1, "unmapped");
    require(before[index(e.vn)].total() == 9, "national, as it was");
    // As it is now: everything on the new province, communes by their successions.
    require(after[index(e.tq)].total() == 12 && after[index(e.tq)].done() == 8, "Tuyên Quang");
    require(after[index(e.tq)].done_on_time() == 7 && after[index(e.tq)].overdue() == 2, "Tuyên Quang on time");
    require(after[index(e.tq)].in_progress() == 2, "Tuyên Quang in progress");
    require(after[index(e.bac_ha_giang)].total() == 6 && after[index(e.bac_ha_giang)].done() == 5, "Bắc Hà Giang");
    require(after[index(e.minh_xuan)].total() == 3 && after[index(e.minh_xuan)].in_progress() == 2, "Minh Xuân");
    require(after[index(e.my_lam)].total() == 3 && after[index(e.my_lam)].done() == 2, "Mỹ Lâm: the larger share");
    require(after[index(now.unmapped())].total() == 0, "nothing unmapped now");
    auto placed = place_indicators(m, values, now);
    require(placed.size() == 2 && placed[0].value.value == 300.0 && placed[1].value.value == 700.0, "indicator by share");
    return 0;
} catch (const std::exception& ex) {
    std::fprintf(stderr, "reorganisation: %s\n", ex.what());
    return 1;
}
