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

struct deadlines_command : command {
    model_source source{};
    schedule_options options{};
    std::string format{};

    void setup(CLI::App& app) override {
        add_model_options(app, source);
        add_schedule_options(app, options);
        add_format(app, format);
    }
    std::string input() const override { return source.path(); }

    int run(std::ostream& out) override {
        auto loaded = load_model(source);
        const auto& m = loaded.model;
        auto r = schedule_or_usage(loaded, options);
        auto rep = propagate_deadlines(m, r);
        auto key = [&](task_id t) { return is_none(t) ? std::string{} : m[t].key; };
        auto deadline = [](const effective_deadline& e) { return e.deadline ? format_date(*e.deadline) : std::string{}; };
        auto late_by = [&](std::size_t i) {
            const auto& e = rep.tasks[i];
            return e.deadline ? std::max(0, r.tasks[i].early_finish_moment - e.finish_moment) : 0;
        };
        if (format == "json") {
            nlohmann::json doc{{"tasks", nlohmann::json::array()}, {"conflicts", nlohmann::json::array()}};
            auto key_or_null = [&](task_id t) { return is_none(t) ? nlohmann::json(nullptr) : nlohmann::json(key(t)); };
            for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
                if (!r.tasks[i].scheduled) continue;
                const auto& e = rep.tasks[i];
                doc["tasks"].push_back({{"id", key(make_id<task_id>(i))},
                                        {"early_finish", format_date(r.tasks[i].early_finish)},
                                        {"deadline", e.deadline ? nlohmann::json(deadline(e)) : nlohmann::json(nullptr)},
                                        {"source", e.deadline ? key_or_null(e.source) : nlohmann::json(nullptr)},
                                        {"via", key_or_null(e.via)}});
            }
            for (const auto& c : rep.conflicts) {
                auto chain = nlohmann::json::array();
                for (auto t : c.chain) chain.push_back(key(t));
                doc["conflicts"].push_back(
                    {{"task", key(c.task)},
                     {"kind", c.kind == conflict_kind::finishes_late ? "finishes_late" : "due_after_parent"},
                     {"days_late", c.days_late}, {"chain", chain}, {"message", c.message}});
            }
            out << doc.dump(2) << '\n';
            return success;
        }
        if (format == "csv") {
            static constexpr std::string_view columns[] = {"id", "early_finish", "deadline", "source", "via", "late_by"};
            detail::csv_writer csv(columns, {}, "deadlines");
            for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
                if (!r.tasks[i].scheduled) continue;
                const auto& e = rep.tasks[i];
                csv.row(std::vector<std::string>{key(make_id<task_id>(i)), format_date(r.tasks[i].early_finish),
                                                 deadline(e), e.deadline ? key(e.source) : "", key(e.via),
                                                 std::to_string(late_by(i))});
            }
            out << csv.text();
            return success;
        }
        using col = text_table::column;
        text_table t({col{"id"}, col{"early finish"}, col{"deadline"}, col{"from"}});
        for (std::size_t i = 0; i < rep.tasks.size(); ++i) {
            if (!r.tasks[i].scheduled) continue;
            const auto& e = rep.tasks[i];
            std::string from = e.deadline ? key(e.source) : "";
            if (e.deadline && !is_none(e.via)) from += " (via " + key(e.via) + ")";
            t.row({key(make_id<task_id>(i)), format_date(r.tasks[i].early_finish), e.deadline ? deadline(e) : "-", from});
        }
        t.print(out);
        out << rep.conflicts.size() << (rep.conflicts.size() == 1 ? " conflict" : " conflicts") << '\n';
        for (const auto& c : rep.conflicts) out << "  " << c.message << '\n';
        return success;
    }
};

}  // namespace plangraph::cli
