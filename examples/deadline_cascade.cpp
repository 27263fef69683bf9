// Deadline cascade: one central deadline, "complete by 15/11/2025", reaches every commune task
// through the decomposition (each task names the task it concretises as `parent`) and backwards
// through the links; conflicts are explained task by task.
//
//   C     Centre    Digital government live, due 2025-11-15
//   ├─ PN   Nghệ An   rollout (no own deadline: C's applies)
//   │   ├─ NA-01  S1 survey 5d ─FS─▶ T1 train 10d ─FS─▶ L1 go live 10d        (starts 1 Sep)
//   │   └─ NA-02  S2 survey 10d ─FS─▶ T2 train 20d ─FS─▶ L2 go live 20d       (starts 15 Sep: too late)
//   └─ PH   Hà Tĩnh   rollout, due 2025-10-31
//       └─ HT-01  S3 survey 5d ─FS─▶ L3 go live 15d, due 2025-11-10          (after PH's 31 Oct)
//
// 15 November 2025 is a Saturday: the last working day before it, the 14th, is the deadline.
// Expected: NA-02's three tasks finish 5 working days after their deadlines (the chain S2 → T2 → L2
// drives them), and L3's own due date is after its parent's. The program checks exactly these
// conflicts and exits 1 otherwise.
#include <plangraph/plangraph.hpp>

#include <cstdio>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

// "L2 → P-NA (parent) → C" — the steps from a task to the task whose due date bounds it.
template <class Model>
std::string path_to_source(const Model& m, const deadline_report& rep, task_id t) {
    if (rep.tasks[index(t)].source == t) return "its own due date";
    std::string out(m[t].key);
    for (auto v = t; !is_none(rep.tasks[index(v)].via); v = rep.tasks[index(v)].via) {
        const auto& step = rep.tasks[index(v)];
        std::string how = "parent";
        if (!is_none(step.via_link)) {
            const auto& l = m[step.via_link];
            // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict on `"+" + std::string&&`.
            how = to_string(l.type);
            if (l.lag > 0) how += '+';
            if (l.lag) how += std::to_string(l.lag);
        }
        out.append(" → ").append(m[step.via].key).append(" (").append(how).append(")");
    }
    return out;
}

}  // namespace

int main() {
    model m;
    auto vn = m.add_unit({.key = "VN", .name = "Centre"});
    auto na = m.add_unit({.key = "NA", .name = "Nghệ An", .parent = vn});
    auto ht = m.add_unit({.key = "HT", .name = "Hà Tĩnh", .parent = vn});
    auto na01 = m.add_unit({.key = "NA-01", .name = "Xã Diễn Châu", .parent = na});
    auto na02 = m.add_unit({.key = "NA-02", .name = "Xã Quỳnh Lưu", .parent = na});
    auto ht01 = m.add_unit({.key = "HT-01", .name = "Xã Cẩm Xuyên", .parent = ht});

    // 1. The cascade: central task → province tasks → commune tasks, through `parent`.
    auto c = m.add_task({.key = "C", .name = "Digital government live", .unit = vn, .due = date(2025, 11, 15)});
    auto pn = m.add_task({.key = "PN", .name = "Nghệ An rollout", .unit = na, .parent = c});
    auto ph = m.add_task({.key = "PH", .name = "Hà Tĩnh rollout", .unit = ht, .parent = c, .due = date(2025, 10, 31)});
    auto add = [&](const char* key, const char* name, unit_id u, task_id parent, int days,
                   std::optional<date> start = {}, std::optional<date> due = {}) {
        return m.add_task({.key = key, .name = name, .unit = u, .parent = parent, .start = start, .due = due, .duration = days});
    };
    auto s1 = add("S1", "Survey", na01, pn, 5, date(2025, 9, 1)), t1 = add("T1", "Train staff", na01, pn, 10),
         l1 = add("L1", "Go live", na01, pn, 10);
    auto s2 = add("S2", "Survey", na02, pn, 10, date(2025, 9, 15)), t2 = add("T2", "Train staff", na02, pn, 20),
         l2 = add("L2", "Go live", na02, pn, 20);
    auto s3 = add("S3", "Survey", ht01, ph, 5, date(2025, 9, 1)),
         l3 = add("L3", "Go live", ht01, ph, 15, std::nullopt, date(2025, 11, 10));
    // 2. The links within each commune's plan.
    m.add_links(std::vector<plangraph::link>{{s1, t1}, {t1, l1}, {s2, t2}, {t2, l2}, {s3, l3}});

    // 3. Schedule (Monday–Friday), then propagate the due dates over it.
    auto r = schedule(m);
    auto rep = propagate_deadlines(m, r);

    std::printf("%-4s %-10s %-12s %-12s %-11s %s\n", "task", "unit", "finishes", "deadline", "due of", "how the deadline arrives");
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        auto t = make_id<task_id>(i);
        const auto& e = rep.tasks[i];
        std::printf("%-4s %-10s %-12s %-12s %-11s %s\n", std::string(m[t].key).c_str(), m[m[t].unit].key.c_str(),
                    format_date(r[t].early_finish).c_str(), e.deadline ? format_date(*e.deadline).c_str() : "-",
                    is_none(e.source) ? "-" : std::string(m[e.source].key).c_str(), path_to_source(m, rep, t).c_str());
    }

    // 4. The conflicts, each with its explanation: the library's sentence, then the chain of
    //    tasks that makes it late (first the one that starts it all).
    std::printf("\n%zu conflicts:\n", rep.conflicts.size());
    for (const auto& k : rep.conflicts) {
        std::printf("- %s\n", k.message.c_str());
        for (std::size_t i = 0; i < k.chain.size(); ++i) {
            auto t = k.chain[i];
            std::printf("    %zu. %-3s %-12s %-6s %s .. %s\n", i + 1, std::string(m[t].key).c_str(), std::string(m[t].name).c_str(),
                        m[m[t].unit].key.c_str(), format_date(r[t].early_start).c_str(),
                        format_date(r[t].early_finish).c_str());
        }
    }

    // The conflicts this model must have, and no others.
    auto late = [&](task_id t, int days) {
        for (const auto& k : rep.conflicts)
            if (k.kind == conflict_kind::finishes_late && k.task == t) return k.days_late == days;
        return false;
    };
    auto due_after_parent = [&](task_id t) {
        for (const auto& k : rep.conflicts)
            if (k.kind == conflict_kind::due_after_parent && k.task == t) return true;
        return false;
    };
    bool ok = rep.conflicts.size() == 4 && late(s2, 5) && late(t2, 5) && late(l2, 5) && due_after_parent(l3) &&
              rep.tasks[index(l1)].deadline == date(2025, 11, 14) && rep.tasks[index(l1)].source == c &&
              rep.tasks[index(s3)].source == ph && rep.tasks[index(l3)].source == ph && !is_none(s1) &&
              !is_none(t1) && !is_none(pn);
    if (!ok) std::fprintf(stderr, "deadline_cascade: the conflicts are not the expected ones\n");
    return ok ? 0 : 1;
}
