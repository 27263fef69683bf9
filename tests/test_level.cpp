// Levelling on the model (level.hpp): a hand-worked commune case, and random models on which
// every levelled schedule keeps its links, capacities and starts, is never shorter than the
// critical path, and comes out the same for the same seed.
#include "level_checks.hpp"
#include "support.hpp"

#include <plangraph/plangraph.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/level.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

using namespace plangraph;
using plangraph::test::check_capacity;
using plangraph::test::check_links;
using plangraph::test::temp_dir;

namespace {

date day(const char* s) { return *parse_date(s); }

/// A random plan: tasks with starts in the first fortnight, a summary, links of every type, two
/// scarce resources.
model random_model(std::mt19937& rng) {
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    model m;
    auto x = m.add_unit({.key = "X"});
    const auto n = static_cast<std::size_t>(pick(5, 18));
    for (std::size_t i = 0; i < n; ++i) {
        task t{.key = "T" + std::to_string(i), .unit = x, .duration = pick(0, 6)};
        if (i == 1 || i == 2) t.parent = make_id<task_id>(0);  // T0 is a summary
        if (pick(0, 2) == 0) t.start = day("2025-09-01") + boost::gregorian::days(pick(0, 14));
        m.add_task(t);
    }
    std::vector<plangraph::link> links;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = std::max<std::size_t>(i + 1, 3); j < n; ++j)  // none between T0 and its parts
            if (pick(0, 5) == 0)
                links.push_back({make_id<task_id>(i), make_id<task_id>(j), static_cast<link_type>(pick(0, 3)), pick(-2, 3)});
    m.add_links(links);
    m.add_resource({.key = "OFF", .capacity = pick(1, 3)});
    m.add_resource({.key = "IT", .capacity = pick(1, 2)});
    for (std::size_t i = 0; i < n; ++i) {
        auto t = make_id<task_id>(i);
        if (m[t].is_milestone() || i == 0) continue;
        for (std::size_t r = 0; r < 2; ++r)
            if (pick(0, 2) > 0) m.add_demand({t, make_id<resource_id>(r), pick(0, m.resources()[r].capacity)});
    }
    return m;
}

}  // namespace

TEST_CASE("level.commune_hand_worked") {
    // Two officials; 2 September is a holiday. A needs both for three days, B one for two days
    // (due 3 September), C one after A; M is B's milestone. The critical path runs A and B
    // together, which two officials cannot: B waits for A, C runs beside it, and the span is
    // unchanged.
    temp_dir dir{{"units.csv", "id,parent,name\nX,,Commune\n"},
                 {"tasks.csv",
                  "id,unit,name,start,duration,due\n"
                  "A,X,Survey,2025-09-01,3,\n"
                  "B,X,Register,2025-09-01,2,2025-09-03\n"
                  "C,X,Publish,,2,\n"
                  "M,X,Registered,,,\n"},
                 {"links.csv", "from,to\nA,C\nB,M\n"},
                 {"calendar.csv", "date,working\n2025-09-02,false\n"},
                 {"resources.csv", "id,capacity\nOFF,2\n"},
                 {"demands.csv", "task,resource,amount\nA,OFF,2\nB,OFF,1\nC,OFF,1\n"}};
    auto m = load_model_dir(dir.path);
    auto cpm = schedule(m);
    auto l = level(m, cpm);
    auto at = [&](const char* key) { return l.tasks[index(*m.find_task(key))]; };
    CHECK(cpm[*m.find_task("B")].early_start == day("2025-09-01"));
    CHECK(at("A").start == day("2025-09-01"));
    CHECK(at("A").finish == day("2025-09-04"));
    CHECK(at("A").delay == 0);
    CHECK(at("B").start == day("2025-09-05"));
    CHECK(at("B").finish == day("2025-09-08"));
    CHECK(at("B").delay == 3);
    CHECK(at("B").delayed_by == std::vector<resource_id>{*m.find_resource("OFF")});
    CHECK(at("C").start == day("2025-09-05"));
    CHECK(at("C").delay == 0);
    CHECK(cpm[*m.find_task("M")].early_start == day("2025-09-03"));
    CHECK(at("M").start == day("2025-09-08"));  // the day B finishes, as the critical path shows it
    CHECK(at("M").delay == 3);
    CHECK(at("M").delayed_by.empty());  // its link alone holds it, behind a delayed predecessor
    CHECK(l.span == 5);
    CHECK(l.finish == day("2025-09-08"));
    REQUIRE(l.late.size() == 1);  // deadlines bind backwards: B's does not reach M
    CHECK(l.late[0].task == *m.find_task("B"));
    CHECK(l.late[0].deadline == day("2025-09-03"));
    CHECK(l.late[0].days_late == 3);
}

TEST_CASE("level.random_models_keep_links_capacity_and_starts") {
    std::mt19937 rng(12);
    int delayed = 0, done = 0;  // the property must be tested on schedules levelling changed, with done work
    for (int round = 0; round < 150; ++round) {
        auto m = random_model(rng);
        CAPTURE(round);
        for (bool progress : {false, true}) {
            schedule_options so{.start = day("2025-09-01")};
            if (progress) {  // some tasks done on their start day
                so.as_of = day("2025-09-10");
                for (std::size_t i = 1; i < m.tasks().size(); i += 3)
                    if (auto s = m.tasks()[i].start; s && *s <= *so.as_of) m.set_completed(make_id<task_id>(i), *s);
            }
            auto cpm = schedule(m, so);
            auto l = level(m, cpm, {.budget = 200, .seed = 7});
            check_links(m, cpm, l);
            check_capacity(m, cpm, l);
            CHECK(l.span >= cpm.finish_moment - cpm.start_moment);
            for (std::size_t i = 0; i < m.tasks().size(); ++i) {
                const auto& t = m.tasks()[i];
                CHECK(l.tasks[i].start_moment >= cpm.tasks[i].early_start_moment);
                CHECK(l.tasks[i].delay >= 0);
                delayed += l.tasks[i].delay > 0;
                if (cpm.tasks[i].summary) continue;  // it spans its parts, done ones included
                if (t.start) CHECK(l.tasks[i].start_moment >= cpm.days.on_or_after(*t.start));
                if (cpm.tasks[i].done) {
                    ++done;
                    CHECK(l.tasks[i].start == cpm.tasks[i].early_start);  // keeps its actual dates
                    CHECK(l.tasks[i].finish == cpm.tasks[i].early_finish);
                } else if (progress) {
                    CHECK(l.tasks[i].start_moment >= cpm.days.on_or_after(*so.as_of));
                }
            }
            auto again = level(m, cpm, {.budget = 200, .seed = 7});
            for (std::size_t i = 0; i < m.tasks().size(); ++i) {
                CHECK(again.tasks[i].start == l.tasks[i].start);
                CHECK(again.tasks[i].delayed_by == l.tasks[i].delayed_by);
            }
        }
    }
    CHECK(delayed > 100);
    CHECK(done > 20);
}

TEST_CASE("level.shared_network_gives_the_same_levelling_and_lateness") {
    std::mt19937 rng(31);
    std::size_t late = 0;
    for (int round = 0; round < 40; ++round) {
        auto m = random_model(rng);
        CAPTURE(round);
        for (std::size_t i = 3; i < m.tasks().size(); i += 2)  // deadlines the levelling may break
            m.set_due(make_id<task_id>(i), day("2025-09-10") + boost::gregorian::days(static_cast<int>(i)));
        const schedule_options so{.start = day("2025-09-01")};
        const schedule_network net(m);
        const auto cpm = net.run(m, so);
        const auto shared = level(m, net, cpm, {.budget = 50, .seed = 3});
        const auto again = level(m, schedule(m, so), {.budget = 50, .seed = 3});
        for (std::size_t i = 0; i < m.tasks().size(); ++i) {
            CHECK(shared.tasks[i].start == again.tasks[i].start);
            CHECK(shared.tasks[i].finish == again.tasks[i].finish);
        }
        REQUIRE(shared.late.size() == again.late.size());
        for (std::size_t k = 0; k < shared.late.size(); ++k) {
            CHECK(shared.late[k].task == again.late[k].task);
            CHECK(shared.late[k].deadline == again.late[k].deadline);
            CHECK(shared.late[k].days_late == again.late[k].days_late);
        }
        late += shared.late.size();
    }
    CHECK(late > 5);
}

TEST_CASE("level.without_demands_changes_nothing") {
    std::mt19937 rng(5);
    for (int round = 0; round < 30; ++round) {
        auto m = random_model(rng);
        model plain;
        auto x = plain.add_unit({.key = "X"});
        for (const auto& v : m.tasks()) {
            task t = v.to_task();
            t.unit = x;
            plain.add_task(t);
        }
        plain.add_links(m.links());
        auto cpm = schedule(plain, {.start = day("2025-09-01")});
        auto l = level(plain, cpm);
        for (std::size_t i = 0; i < plain.tasks().size(); ++i) {
            CHECK(l.tasks[i].start == cpm.tasks[i].early_start);
            CHECK(l.tasks[i].finish == cpm.tasks[i].early_finish);
            CHECK(l.tasks[i].delay == 0);
        }
        CHECK(l.finish == cpm.finish);
        CHECK(l.late.empty());
    }
}

TEST_CASE("level.work_serialised_past_the_calendar_is_a_schedule_error_naming_the_task") {
    // Thirty tasks of 100,000 working days each fit side by side (about 2408); one official
    // runs them one after another, some 11,000 years: past the last day the calendar counts.
    model m;
    auto u = m.add_unit({.key = "X", .name = "Commune"});
    auto official = m.add_resource({.key = "R", .name = "Official", .capacity = 1});
    for (int i = 0; i < 30; ++i) {
        auto t = m.add_task({.key = "T" + std::to_string(i), .name = "t", .unit = u, .start = day("2025-01-06"),
                             .duration = 100'000});
        m.add_demand({t, official, 1});
    }
    auto cpm = schedule(m);
    try {
        (void)level(m, cpm, {.budget = 5, .seed = 1});
        FAIL("levelling past the calendar must throw");
    } catch (const schedule_error& e) {
        const std::string what = e.what();
        CHECK(what.starts_with("level: task T"));
        CHECK(what.ends_with(" would finish after 9999-12-31, the last day the calendar can count"));
    }
}
