#pragma once
// `plangraph deadlines --model DIR|FILE.json | --mspdi FILE [--start DATE] [--as-of DATE]
//                      [--format table|json|csv]`
// Every task's effective deadline (its own due date, its parents', and what its successors'
// deadlines leave it through the links), where it comes from, and the conflicts: tasks whose
// early finish is past it (with the chain that makes them late) and sub-tasks due after their
// parent. Exit 0 when the report is made, conflicts or not.
#include "cli.hpp"
#include "loader.hpp"
#include "schedule.hpp"
#include "table.hpp"

#include <plangraph/deadlines.hpp>
#include <plangraph/io/csv.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <string>

namespace plangraph::cli {

struct deadlines_command : scheduling_command {

    /// The schedule and its deadline report, with the helpers every format uses.
    struct report {
        const model& m;
        schedule_result r;
        deadline_report rep;

        std::string key(task_id t) const { return is_none(t) ? std::string{} : std::string(m[t].key); }
        std::string deadline(std::size_t i) const {
            return rep.tasks[i].deadline ? format_date(*rep.tasks[i].deadline) : std::string{};
        }
        int late_by(std::size_t i) const {
            const auto& e = rep.tasks[i];
            return e.deadline ? std::max(0, r.tasks[i].early_finish_moment - e.finish_moment) : 0;
        }
    };

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        const schedule_network net(loaded.model);
        auto r = schedule_or_usage(loaded, net, options);
        auto rep = propagate_deadlines(loaded.model, net, r);
        report d{loaded.model, std::move(r), std::move(rep)};
        if (format == "json") write_json(out, d);
        else if (format == "csv") write_csv(out, d);
        else write_table(out, d);
        return success;
    }

    static void write_json(std::ostream& out, const report& d) {
        nlohmann::json doc{{"tasks", nlohmann::json::array()}, {"conflicts", nlohmann::json::array()}};
        auto key_or_null = [&](task_id t) { return is_none(t) ? nlohmann::json(nullptr) : nlohmann::json(d.key(t)); };
        for (std::size_t i = 0; i < d.rep.tasks.size(); ++i) {
            if (!d.r.tasks[i].scheduled) continue;
            const auto& e = d.rep.tasks[i];
            doc["tasks"].push_back({{"id", d.key(make_id<task_id>(i))},
                                    {"early_finish", format_date(d.r.tasks[i].early_finish)},
                                    {"deadline", e.deadline ? nlohmann::json(d.deadline(i)) : nlohmann::json(nullptr)},
                                    {"source", e.deadline ? key_or_null(e.source) : nlohmann::json(nullptr)},
                                    {"via", key_or_null(e.via)}});
        }
        for (const auto& c : d.rep.conflicts) {
            auto chain = nlohmann::json::array();
            for (auto t : c.chain) chain.push_back(d.key(t));
            doc["conflicts"].push_back({{"task", d.key(c.task)},
                                        {"kind", c.kind == conflict_kind::finishes_late ? "finishes_late" : "due_after_parent"},
                                        {"days_late", c.days_late}, {"chain", chain}, {"message", c.message}});
        }
        out << doc.dump(2) << '\n';
    }

    static void write_csv(std::ostream& out, const report& d) {
        static constexpr std::string_view columns[] = {"id", "early_finish", "deadline", "source", "via", "late_by"};
        detail::csv_writer csv(columns, {}, "deadlines");
        for (std::size_t i = 0; i < d.rep.tasks.size(); ++i) {
            if (!d.r.tasks[i].scheduled) continue;
            const auto& e = d.rep.tasks[i];
            csv.row(std::vector<std::string>{d.key(make_id<task_id>(i)), format_date(d.r.tasks[i].early_finish),
                                             d.deadline(i), e.deadline ? d.key(e.source) : "", d.key(e.via),
                                             std::to_string(d.late_by(i))});
        }
        out << csv.text();
    }

    static void write_table(std::ostream& out, const report& d) {
        using col = text_table::column;
        text_table t({col{"id"}, col{"early finish"}, col{"deadline"}, col{"from"}});
        for (std::size_t i = 0; i < d.rep.tasks.size(); ++i) {
            if (!d.r.tasks[i].scheduled) continue;
            const auto& e = d.rep.tasks[i];
            std::string from = e.deadline ? d.key(e.source) : "";
            if (e.deadline && !is_none(e.via)) from += " (via " + d.key(e.via) + ")";
            t.row({d.key(make_id<task_id>(i)), format_date(d.r.tasks[i].early_finish), e.deadline ? d.deadline(i) : "-",
                   from});
        }
        t.print(out);
        const auto n = d.rep.conflicts.size();
        out << n << (n == 1 ? " conflict" : " conflicts") << '\n';
        for (const auto& c : d.rep.conflicts) out << "  " << c.message << '\n';
    }
};

}  // namespace plangraph::cli
