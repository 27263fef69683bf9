#pragma once
// `plangraph deadlines --model DIR [--start DATE] [--as-of DATE] [--format table|json|csv]`
// Every task's effective deadline (its own due date, its parents', and what its successors'
// deadlines leave it through the links), where it comes from, and the conflicts: tasks whose
// early finish is past it (with the chain that makes them late) and sub-tasks due after their
// parent. Exit 0 when the report is made, conflicts or not.
#include "cli.hpp"
#include "schedule.hpp"

#include <plangraph/deadlines.hpp>

#include <iostream>

namespace plangraph::cli {

inline int run_deadlines(const options& opts) {
    auto dir = opts.require("model");
    schedule_options o{.start = schedule_date_option(opts, "start"), .as_of = schedule_date_option(opts, "as-of")};
    auto f = output_format(opts);
    opts.reject_unknown();
    int exit = success;
    auto m = schedule_load_model(dir, exit);
    if (!m) return exit;
    auto r = schedule_or_usage(*m, o);
    auto rep = propagate_deadlines(*m, r);
    auto key = [&](task_id t) { return is_none(t) ? std::string{} : std::string(m->tasks()[index(t)].key); };
    auto deadline = [](const effective_deadline& e) { return e.deadline ? format_date(*e.deadline) : std::string{}; };
    if (f == format::json) {
        nlohmann::json out{{"tasks", nlohmann::json::array()}, {"conflicts", nlohmann::json::array()}};
        for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
            if (!r.tasks[i].scheduled) continue;
            const auto& e = rep.tasks[i];
            nlohmann::json row{{"id", key(make_id<task_id>(i))}, {"early_finish", format_date(r.tasks[i].early_finish)}};
            row["deadline"] = e.deadline ? nlohmann::json(format_date(*e.deadline)) : nlohmann::json(nullptr);
            row["source"] = e.deadline ? nlohmann::json(key(e.source)) : nlohmann::json(nullptr);
            row["via"] = is_none(e.via) ? nlohmann::json(nullptr) : nlohmann::json(key(e.via));
            out["tasks"].push_back(row);
        }
        for (const auto& c : rep.conflicts) {
            nlohmann::json chain = nlohmann::json::array();
            for (auto t : c.chain) chain.push_back(key(t));
            out["conflicts"].push_back({{"task", key(c.task)},
                                        {"kind", c.kind == conflict_kind::finishes_late ? "finishes_late" : "due_after_parent"},
                                        {"days_late", c.days_late}, {"chain", chain}, {"message", c.message}});
        }
        std::cout << out.dump(2) << '\n';
        return success;
    }
    if (f == format::csv) {
        std::cout << "id,early_finish,deadline,source,via,late_by\n";
        for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
            if (!r.tasks[i].scheduled) continue;
            const auto& e = rep.tasks[i];
            int late = e.deadline ? std::max(0, r.tasks[i].early_finish_moment - e.finish_moment) : 0;
            std::cout << key(make_id<task_id>(i)) << ',' << format_date(r.tasks[i].early_finish) << ',' << deadline(e)
                      << ',' << (e.deadline ? key(e.source) : "") << ',' << key(e.via) << ',' << late << '\n';
        }
        return success;
    }
    std::size_t w = 2;
    for (const auto& t : m->tasks()) w = std::max(w, t.key.size());
    auto pad = [](std::string s, std::size_t n) { return s.size() < n ? s + std::string(n - s.size(), ' ') : s; };
    std::cout << pad("id", w) << "  early finish  deadline    from\n";
    for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
        if (!r.tasks[i].scheduled) continue;
        const auto& e = rep.tasks[i];
        std::cout << pad(key(make_id<task_id>(i)), w) << "  " << format_date(r.tasks[i].early_finish) << "    "
                  << pad(e.deadline ? deadline(e) : "-", 10);
        if (e.deadline) {
            std::cout << "  " << key(e.source);
            if (!is_none(e.via)) std::cout << " (via " << key(e.via) << ")";
        }
        std::cout << '\n';
    }
    std::cout << rep.conflicts.size() << (rep.conflicts.size() == 1 ? " conflict" : " conflicts") << '\n';
    for (const auto& c : rep.conflicts) std::cout << "  " << c.message << '\n';
    return success;
}

}  // namespace plangraph::cli
