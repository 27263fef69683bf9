// Task status, rollups and their strategies, incremental updates, partial rollups, traffic lights.
// The oracle below recomputes DESIGN.md's rules on its own (string statuses, ancestor walks over
// the units' parent fields): it shares no code with the library.
#include <plangraph/plangraph.hpp>
#include <plangraph/io/rollup_json.hpp>
#include <plangraph/rollup_bgl.hpp>
#include <plangraph/rollup_parallel.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace plangraph;

namespace {

date day(const char* iso) { return *parse_date(iso); }

// ---- a random model -----------------------------------------------------------------------
model random_model(std::uint32_t seed, int units, int tasks) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto pick_index = [&](int hi) { return static_cast<std::size_t>(pick(0, hi)); };
    model m;
    for (int u = 0; u < units; ++u) {
        unit_id parent = u == 0 || pick(0, 19) == 0 ? no_id<unit_id> : make_id<unit_id>(pick_index(u - 1));
        m.add_unit({.key = "U" + std::to_string(u), .name = "Unit " + std::to_string(u), .parent = parent});
    }
    for (int p = 0; p < 4; ++p)
        m.add_plan({.key = "P" + std::to_string(p), .unit = make_id<unit_id>(0),
                    .parent = p == 0 ? no_id<plan_id> : make_id<plan_id>(pick_index(p - 1))});
    const date base = day("2025-01-01");
    for (int t = 0; t < tasks; ++t) {
        task k{.key = "T" + std::to_string(t), .name = "Task " + std::to_string(t)};
        k.unit = make_id<unit_id>(pick_index(units - 1));
        if (pick(0, 3)) k.plan = make_id<plan_id>(pick_index(3));
        if (t > 0 && pick(0, 4) == 0) k.parent = make_id<task_id>(pick_index(t - 1));
        if (pick(0, 4)) k.due = base + boost::gregorian::days(pick(0, 200));
        if (pick(0, 1)) k.completed = base + boost::gregorian::days(pick(0, 220));
        k.duration = pick(0, 20);
        k.percent = pick(0, 100);
        k.weight = pick(0, 6) * 0.5;
        k.cancelled = pick(0, 9) == 0;
        m.add_task(std::move(k));
    }
    return m;
}

date random_day(std::mt19937& rng) {
    return day("2024-12-20") + boost::gregorian::days(std::uniform_int_distribution<int>(0, 240)(rng));
}

// ---- the independent oracle ---------------------------------------------------------------
std::string oracle_status(const task_view& t, date as_of) {
    if (t.cancelled) return "cancelled";
    bool done = t.completed.has_value() && !(as_of < *t.completed);
    if (done) return (t.due.has_value() && *t.due < *t.completed) ? "done_late" : "done_on_time";
    if (t.due.has_value() && *t.due < as_of) return "overdue";
    return "in_progress";
}

struct oracle_row {
    std::map<std::string, std::uint64_t> n;
    double weight = 0, weight_done = 0;
};

// For every unit, every task whose unit is that unit or lies below it.
std::vector<oracle_row> oracle_units(const model& m, date as_of) {
    std::vector<oracle_row> rows(m.units().size());
    for (const auto& t : m.tasks()) {
        auto s = oracle_status(t, as_of);
        for (auto u = t.unit; u != no_id<unit_id>; u = m.units()[static_cast<std::size_t>(u)].parent) {
            auto& r = rows[static_cast<std::size_t>(u)];
            ++r.n[s];
            if (s == "cancelled") continue;
            r.weight += t.weight;
            if (s == "done_on_time" || s == "done_late") r.weight_done += t.weight;
        }
    }
    return rows;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a) + std::abs(b)); }

// Counts exactly, sums up to rounding.
bool same(const status_counts& a, const status_counts& b) {
    return a.by_status == b.by_status && close(a.weight, b.weight) && close(a.weight_done, b.weight_done) &&
           close(a.duration, b.duration) && close(a.duration_done, b.duration_done);
}

bool same(const std::vector<status_counts>& a, const std::vector<status_counts>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
    return true;
}

}  // namespace

// ---- status ---------------------------------------------------------------------------------

TEST_CASE("status.as_of.design_table") {
    const date d = day("2025-11-15");
    auto st = [&](std::optional<date> completed, std::optional<date> due, date as_of, bool cancelled = false) {
        return status_as_of(task{.key = "T", .due = due, .completed = completed, .cancelled = cancelled}, as_of);
    };
    CHECK(st(day("2025-11-10"), d, day("2025-12-01")) == task_status::done_on_time);
    CHECK(st(d, d, day("2025-12-01")) == task_status::done_on_time);  // c = d is on time
    CHECK(st(day("2025-11-16"), d, day("2025-12-01")) == task_status::done_late);
    CHECK(st(day("2025-11-16"), std::nullopt, day("2025-12-01")) == task_status::done_on_time);
    CHECK(st(std::nullopt, d, d) == task_status::in_progress);  // D = d: still within deadline
    CHECK(st(std::nullopt, d, day("2025-11-16")) == task_status::overdue);
    CHECK(st(std::nullopt, std::nullopt, day("2030-01-01")) == task_status::in_progress);
    CHECK(st(day("2025-11-10"), d, day("2025-12-01"), true) == task_status::cancelled);
    SUBCASE("a task completed after D is not yet done as of D") {
        CHECK(st(day("2025-11-10"), d, day("2025-11-09")) == task_status::in_progress);
        CHECK(st(day("2025-11-20"), d, day("2025-11-18")) == task_status::overdue);
        CHECK(st(day("2025-11-10"), d, day("2025-11-10")) == task_status::done_on_time);
    }
    CHECK(to_string(task_status::done_late) == "done_late");
}

// ---- counts and rates -----------------------------------------------------------------------

TEST_CASE("rollup.units.counts_own_and_descendants") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto p = m.add_unit({.key = "P", .name = "Province", .parent = c});
    auto k = m.add_unit({.key = "K", .name = "Commune", .parent = p});
    auto q = m.add_unit({.key = "Q", .name = "Empty", .parent = c});
    const date due = day("2025-06-30");
    m.add_task({.key = "a", .unit = k, .due = due, .completed = day("2025-06-01"), .weight = 3});
    m.add_task({.key = "b", .unit = k, .due = due, .completed = day("2025-07-05")});
    m.add_task({.key = "c", .unit = p, .due = due});
    m.add_task({.key = "d", .unit = p, .due = day("2025-12-31")});
    m.add_task({.key = "e", .unit = c, .cancelled = true});
    auto rows = rollup_units(m, day("2025-07-10"));
    CHECK(rows[index(k)].done_on_time() == 1);
    CHECK(rows[index(k)].done_late() == 1);
    CHECK(rows[index(k)].total() == 2);
    CHECK(rows[index(p)].total() == 4);
    CHECK(rows[index(p)].overdue() == 1);
    CHECK(rows[index(p)].in_progress() == 1);
    CHECK(rows[index(c)].cancelled() == 1);
    CHECK(rows[index(c)].total() == 4);  // cancelled excluded
    CHECK(*rows[index(c)].completion_rate() == doctest::Approx(0.5));
    CHECK(*rows[index(c)].on_time_rate() == doctest::Approx(0.5));
    CHECK(*rows[index(c)].weighted_completion() == doctest::Approx(4.0 / 6.0));
    SUBCASE("zero denominators give absent rates, never NaN") {
        CHECK_FALSE(rows[index(q)].completion_rate().has_value());
        CHECK_FALSE(rows[index(q)].on_time_rate().has_value());
        CHECK_FALSE(rows[index(q)].weighted_completion().has_value());
        CHECK_FALSE(rows[index(q)].percent_complete().has_value());
        auto early = rollup_units(m, day("2025-01-01"));  // nothing done yet
        CHECK(early[index(c)].completion_rate() == 0.0);
        CHECK_FALSE(early[index(c)].on_time_rate().has_value());
    }
}

TEST_CASE("rollup.units.match_independent_oracle_on_random_models") {
    std::mt19937 rng(7);
    for (std::uint32_t seed = 1; seed <= 25; ++seed) {
        auto m = random_model(seed, static_cast<int>(1 + seed * 3), 40 + static_cast<int>(seed) * 20);
        for (int k = 0; k < 6; ++k) {
            date as_of = random_day(rng);
            auto rows = rollup_units(m, as_of);
            auto want = oracle_units(m, as_of);
            for (std::size_t u = 0; u < rows.size(); ++u) {
                INFO("seed " << seed << " unit " << u << " as of " << format_date(as_of));
                auto& w = want[u].n;
                CHECK(rows[u].done_on_time() == w["done_on_time"]);
                CHECK(rows[u].done_late() == w["done_late"]);
                CHECK(rows[u].in_progress() == w["in_progress"]);
                CHECK(rows[u].overdue() == w["overdue"]);
                CHECK(rows[u].cancelled() == w["cancelled"]);
                std::uint64_t total = w["done_on_time"] + w["done_late"] + w["in_progress"] + w["overdue"];
                std::uint64_t done = w["done_on_time"] + w["done_late"];
                CHECK(rows[u].completion_rate().has_value() == (total > 0));
                if (total) CHECK(close(*rows[u].completion_rate(), double(done) / double(total)));
                CHECK(rows[u].on_time_rate().has_value() == (done > 0));
                if (done) CHECK(close(*rows[u].on_time_rate(), double(w["done_on_time"]) / double(done)));
                CHECK(close(rows[u].weight, want[u].weight));
                CHECK(close(rows[u].weight_done, want[u].weight_done));
            }
        }
    }
}

TEST_CASE("rollup.tasks.summary_percent_complete_is_duration_weighted_over_leaves") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "Unit"});
    auto s = m.add_task({.key = "S", .unit = u, .duration = 30, .percent = 0});
    auto a = m.add_task({.key = "A", .unit = u, .parent = s, .duration = 10, .percent = 50});
    m.add_task({.key = "B", .unit = u, .parent = s, .duration = 5, .completed = day("2025-03-01"), .percent = 40});
    auto x = m.add_task({.key = "X", .unit = u, .parent = a, .duration = 2, .percent = 10});
    m.add_task({.key = "Y", .unit = u, .parent = s, .duration = 7, .percent = 100, .cancelled = true});
    auto rows = rollup_tasks(m, day("2025-04-01"));
    // Leaves under S: B (5 d, done → 100%), X (2 d, 10%); A is itself a summary, Y is cancelled.
    CHECK(*rows[index(s)].percent_complete() == doctest::Approx((5 * 100.0 + 2 * 10.0) / 7.0));
    CHECK(*rows[index(s)].percent_complete_rounded() == 74);
    CHECK(rows[index(s)].total() == 4);  // S, A, B, X; Y cancelled
    CHECK(rows[index(s)].cancelled() == 1);
    CHECK(*rows[index(x)].percent_complete_rounded() == 10);
    CHECK(*rows[index(a)].percent_complete() == doctest::Approx(10.0));
    SUBCASE("before B was completed it counts its recorded percent") {
        auto early = rollup_tasks(m, day("2025-02-01"));
        CHECK(*early[index(s)].percent_complete() == doctest::Approx((5 * 40.0 + 2 * 10.0) / 7.0));
    }
    SUBCASE("milestones only: no duration, no percent") {
        model n;
        auto v = n.add_unit({.key = "V", .name = "V"});
        auto top = n.add_task({.key = "M0", .unit = v});
        n.add_task({.key = "M1", .unit = v, .parent = top});
        CHECK_FALSE(rollup_tasks(n, day("2025-01-01"))[0].percent_complete().has_value());
    }
}

TEST_CASE("rollup.plans.cascade_counts_concretising_plans") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto central = m.add_plan({.key = "KH", .unit = c});
    auto prov = m.add_plan({.key = "KH-P", .unit = c, .parent = central});
    auto other = m.add_plan({.key = "OTHER", .unit = c});
    m.add_task({.key = "t1", .unit = c, .plan = central, .completed = day("2025-01-01")});
    m.add_task({.key = "t2", .unit = c, .plan = prov});
    m.add_task({.key = "t3", .unit = c, .plan = prov, .completed = day("2025-01-02")});
    m.add_task({.key = "t4", .unit = c});  // no plan: counts for none
    auto rows = rollup_plans(m, day("2025-02-01"));
    CHECK(rows[index(central)].total() == 3);
    CHECK(rows[index(central)].done() == 2);
    CHECK(rows[index(prov)].total() == 2);
    CHECK(rows[index(other)].total() == 0);
}

// ---- strategies -------------------------------------------------------------------------------

TEST_CASE("rollup.strategies.all_agree") {
    std::mt19937 rng(11);
    for (std::uint32_t seed = 100; seed < 115; ++seed) {
        auto m = random_model(seed, static_cast<int>(2 + seed % 40), 300);
        date as_of = random_day(rng);
        auto flat = flat_rollup(m)(as_of);
        INFO("seed " << seed);
        CHECK(same(recursive_rollup(m)(as_of), flat));
        CHECK(same(bgl_rollup(m)(as_of), flat));
        CHECK(parallel_rollup(m)(as_of) == flat);  // exact own sums, same order up the tree: bit for bit
        CHECK(recursive_rollup(m)(as_of) == flat);
        model copy = m;
        incremental_rollup<> inc(copy, as_of);
        CHECK(inc(as_of) == flat);
        CHECK(same(inc(as_of + boost::gregorian::days(30)), flat_rollup(m)(as_of + boost::gregorian::days(30))));
    }
}

// ---- incremental ------------------------------------------------------------------------------

TEST_CASE("incremental.random_updates_equal_full_recompute") {
    std::mt19937 rng(3);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto pick_index = [&](int hi) { return static_cast<std::size_t>(pick(0, hi)); };
    int updates = 0, refused = 0;
    for (std::uint32_t seed = 1; seed <= 8; ++seed) {
        auto m = random_model(seed, 5 + static_cast<int>(seed) * 7, 200);
        date as_of = random_day(rng);
        incremental_rollup<> inc(m, as_of);
        for (int batch = 0; batch < 20; ++batch) {
            for (int k = 0; k < 25; ++k, ++updates) {
                auto t = make_id<task_id>(pick_index(static_cast<int>(m.tasks().size()) - 1));
                auto some_day = std::optional<date>(random_day(rng));
                switch (pick(0, 6)) {
                    case 0: inc.set_completed(t, pick(0, 3) ? some_day : std::nullopt); break;
                    case 1: inc.set_due(t, pick(0, 3) ? some_day : std::nullopt); break;
                    case 2: inc.set_cancelled(t, pick(0, 5) == 0); break;
                    case 3: inc.set_weight(t, pick(0, 8) * 0.25); break;
                    case 4: inc.set_percent(t, pick(0, 100)); break;
                    case 5: inc.set_duration(t, pick(0, 30)); break;
                    case 6:  // refused: the model and the rollup stay as they were
                        try {
                            inc.set_percent(t, 101 + pick(0, 50));
                        } catch (const model_error&) {
                            ++refused;
                        }
                        break;
                }
            }
            auto full = rollup_units(m, as_of);
            INFO("seed " << seed << " batch " << batch);
            REQUIRE(same(std::vector<status_counts>(inc.units().begin(), inc.units().end()), full));
        }
    }
    CHECK(updates == 8 * 20 * 25);
    CHECK(refused > 0);
}

TEST_CASE("incremental.refused_update_changes_nothing") {
    auto m = random_model(42, 10, 50);
    const date as_of = day("2025-03-01");
    incremental_rollup<> inc(m, as_of);
    const model before = m;
    const auto rows = std::vector<status_counts>(inc.units().begin(), inc.units().end());
    auto t = make_id<task_id>(3);
    CHECK_THROWS_AS(inc.set_percent(t, std::nan("")), model_error);
    CHECK_THROWS_AS(inc.set_weight(t, -1.0), model_error);
    CHECK_THROWS_WITH_AS(inc.set_duration(t, -2), "task T3: duration -2 is negative", model_error);
    CHECK(m == before);
    CHECK(std::vector<status_counts>(inc.units().begin(), inc.units().end()) == rows);
}

TEST_CASE("incremental.completion_moves_every_ancestor") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto p = m.add_unit({.key = "P", .name = "Province", .parent = c});
    auto k = m.add_unit({.key = "K", .name = "Commune", .parent = p});
    auto t = m.add_task({.key = "t", .unit = k, .due = day("2025-05-01")});
    incremental_rollup<> inc(m, day("2025-06-01"));
    CHECK(inc[c].overdue() == 1);
    inc.set_completed(t, day("2025-04-20"));
    for (auto u : {c, p, k}) {
        CHECK(inc[u].done_on_time() == 1);
        CHECK(inc[u].overdue() == 0);
    }
    inc.set_due(t, day("2025-04-10"));
    CHECK(inc[c].done_late() == 1);
    CHECK(inc.lights()[index(c)] == traffic_light::green);  // done, late or not
}

// ---- partial rollups --------------------------------------------------------------------------

TEST_CASE("partial.merged_parts_equal_the_whole") {
    std::mt19937 rng(5);
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        auto m = random_model(seed, 30, 400);
        date as_of = random_day(rng);
        auto h = m.unit_hierarchy();
        // Parts: the subtrees of some children of the first root, each shipped as JSON.
        std::vector<partial_rollup> parts;
        for (unit_id b : h.children(h.roots().front()))
            if (std::uniform_int_distribution<int>(0, 2)(rng))
                parts.push_back(read_partial(write_partial(make_partial(m, b, as_of))));
        auto whole = rollup_units(m, as_of);
        // The centre's copy knows no task of the parts: they are carried by the parts.
        // Sub-task links across a part's border are cut there, which may turn a summary task into
        // a leaf: compare counts and weights (durations count leaves only).
        model centre;
        for (const auto& u : m.units()) centre.add_unit(u);
        for (const auto& t : m.tasks()) {
            bool in_part = false;
            for (const auto& p : parts) in_part = in_part || h.contains(*m.find_unit(p.units.front()), t.unit);
            if (in_part) continue;
            task copy = t.to_task();
            copy.plan = no_id<plan_id>;
            copy.parent = no_id<task_id>;
            centre.add_task(copy);
        }
        INFO("seed " << seed << ", " << parts.size() << " parts");
        auto merged = merge_partials(centre, as_of, parts);
        for (std::size_t u = 0; u < whole.size(); ++u) {
            CHECK(merged[u].by_status == whole[u].by_status);
            CHECK(close(merged[u].weight_done, whole[u].weight_done));
        }
        CHECK(same(merge_partials(m, as_of, parts), whole));  // the parts supersede the model's tasks
        for (const auto& p : parts) CHECK(same(p.counts.front(), whole[index(*m.find_unit(p.units.front()))]));
    }
}

TEST_CASE("partial.bad_parts_are_refused") {
    auto m = random_model(9, 12, 60);
    auto h = m.unit_hierarchy();
    unit_id b = h.children(h.roots().front()).front();
    auto part = make_partial(m, b, day("2025-03-01"));
    std::vector<partial_rollup> parts{part};
    CHECK_THROWS_WITH_AS(merge_partials(m, day("2025-03-02"), parts),
                         ("partial rollup of " + part.units.front() + " is as of 2025-03-01, not 2025-03-02").c_str(),
                         model_error);
    parts.push_back(part);
    CHECK_THROWS_WITH_AS(merge_partials(m, day("2025-03-01"), parts),
                         ("partial rollups overlap at unit " + part.units.front()).c_str(), model_error);
    parts.pop_back();
    parts.front().units.front() = "nowhere";
    CHECK_THROWS_WITH_AS(merge_partials(m, day("2025-03-01"), parts),
                         "partial rollup of nowhere: unknown unit nowhere", model_error);
    CHECK_THROWS_WITH_AS(read_partial("{\"as_of\": \"2025-13-01\", \"units\": []}"),
                         "partial rollup: 'as_of' is not a YYYY-MM-DD date", parse_error);
    CHECK_THROWS_WITH_AS(read_partial("{\"as_of\": \"2025-01-01\", \"units\": [{\"unit\": \"A\", \"done_on_time\": 1}]}"),
                         "unit A: missing field 'done_late'", parse_error);
    CHECK_THROWS_AS(read_partial("not json"), parse_error);
}

TEST_CASE("partial.json_rates_are_null_when_absent") {
    status_counts empty;
    auto j = to_json(empty);
    CHECK(j["completion_rate"].is_null());
    CHECK(j["on_time_rate"].is_null());
    CHECK(j["total"] == 0);
    status_counts c;
    c.by_status[0] = 3;
    c.by_status[1] = 1;
    c.by_status[3] = 4;
    j = to_json(c);
    CHECK(j["completion_rate"].get<double>() == doctest::Approx(0.5));
    CHECK(j["on_time_rate"].get<double>() == doctest::Approx(0.75));
    CHECK(counts_from_json(j) == c);
}

// ---- traffic lights, explanations, ranking ----------------------------------------------------

namespace {
// A province of `communes` communes × `tasks` tasks each, all done on time.
model plan02(int communes, int tasks) {
    model m;
    auto prov = m.add_unit({.key = "NA", .name = "Nghe An"});
    for (int c = 0; c < communes; ++c) {
        auto k = m.add_unit({.key = "X" + std::to_string(c), .name = "Commune " + std::to_string(c), .parent = prov});
        for (int t = 1; t <= tasks; ++t)
            m.add_task({.key = "X" + std::to_string(c) + "-" + std::to_string(t), .name = "Task " + std::to_string(t),
                        .unit = k, .due = day("2025-10-31"), .completed = day("2025-10-01")});
    }
    return m;
}
}  // namespace

TEST_CASE("lights.all_children_green_and_explanation") {
    auto m = plan02(130, 16);
    const date as_of = day("2025-11-15");
    auto rules = light_rules::all_children_green();
    auto lights = traffic_lights(m.unit_hierarchy(), rollup_units(m, as_of), {}, rules);
    CHECK(lights[0] == traffic_light::green);
    auto late = *m.find_task("X57-9");
    m.set_completed(late, std::nullopt);
    auto rows = rollup_units(m, as_of);
    lights = traffic_lights(m.unit_hierarchy(), rows, {}, rules);
    CHECK(lights[0] == traffic_light::amber);  // 1 of 2080 overdue: under 5%
    CHECK(lights[index(*m.find_unit("X57"))] == traffic_light::red);  // 1 of 16 overdue
    CHECK(lights[index(*m.find_unit("X56"))] == traffic_light::green);
    auto e = explain(m, make_id<unit_id>(0), as_of, lights, {}, rules);
    CHECK(e.overdue == std::vector<task_id>{late});
    CHECK(e.children == std::vector<unit_id>{*m.find_unit("X57")});
    REQUIRE(e.lines.size() == 2);
    CHECK(e.lines[0] == "task X57-9 'Task 9' of unit X57 (Commune 57) is overdue (due 2025-10-31)");
    CHECK(e.lines[1] == "unit X57 (Commune 57) is red");
    CHECK(explain(m, *m.find_unit("X56"), as_of, lights, {}, rules).lines.empty());
}

TEST_CASE("lights.explain_without_indicator_values") {
    // Indicators with targets, explained with no values ({}): none is read (there is none to
    // read), as traffic_lights counts none; a wrong number of values is an error, not a read
    // past the end.
    auto m = plan02(2, 1);
    auto prov = *m.find_unit("NA");
    m.add_indicator({.key = "I1", .name = "Coverage", .unit = prov, .target = 0.9});
    m.add_indicator({.key = "I2", .name = "Uptime", .unit = prov, .target = 0.99});
    const date as_of = day("2025-11-15");
    m.set_completed(*m.find_task("X1-1"), std::nullopt);
    auto lights = traffic_lights(m.unit_hierarchy(), rollup_units(m, as_of), {});
    auto e = explain(m, prov, as_of, lights, {});
    CHECK(e.unmet.empty());
    CHECK(e.overdue == std::vector<task_id>{*m.find_task("X1-1")});
    CHECK(e.lines.size() == 2);  // the overdue task and the red commune
    std::vector<indicator_value> one(1);
    CHECK_THROWS_WITH_AS(explain(m, prov, as_of, lights, one), "explain: 1 indicator values for 2 indicators", error);
    std::vector<indicator_value> both(2);  // no values: both short of target
    CHECK(explain(m, prov, as_of, lights, both).unmet.size() == 2);
}

TEST_CASE("lights.default_rule_thresholds") {
    light_rules r;
    status_counts c;
    c.by_status[0] = 16;
    CHECK(own_light(c, {}, r) == traffic_light::green);
    CHECK(own_light(status_counts{}, {}, r) == traffic_light::green);  // nothing to do
    c.by_status[2] = 1;  // one in progress
    CHECK(own_light(c, {}, r) == traffic_light::amber);
    c.by_status[3] = 1;  // one overdue of 18
    CHECK(own_light(c, {}, r) == traffic_light::red);
    c.by_status[0] = 100;  // one overdue of 102: under 5%
    CHECK(own_light(c, {}, r) == traffic_light::amber);
    r.red_overdue_count = 1;
    CHECK(own_light(c, {}, r) == traffic_light::red);
    status_counts done;
    done.by_status[0] = 4;
    CHECK(own_light(done, {.total = 65, .met = 39}, {}) == traffic_light::amber);  // indicators short
    CHECK(own_light(done, {.total = 65, .met = 65}, {}) == traffic_light::green);
    light_rules lenient;
    lenient.green_indicators_met = 0.6;
    CHECK(own_light(done, {.total = 65, .met = 39}, lenient) == traffic_light::green);
    light_rules punctual;
    punctual.green_on_time = 1.0;
    done.by_status[1] = 1;
    CHECK(own_light(done, {}, punctual) == traffic_light::amber);
}

TEST_CASE("ranking.ties_share_a_rank_in_key_order") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    std::map<std::string, std::optional<double>> score{{"HN", 0.9}, {"DN", 0.7}, {"AG", 0.9}, {"BD", std::nullopt}, {"CT", 0.95}};
    for (const auto& [k, s] : score) m.add_unit({.key = k, .name = k, .parent = c});
    auto ranked = rank_units(m, 1, [&](unit_id u) { return score[m[u].key]; });
    REQUIRE(ranked.size() == 5);
    std::vector<std::string> keys;
    std::vector<std::uint32_t> ranks;
    for (const auto& r : ranked) keys.push_back(m[r.unit].key), ranks.push_back(r.rank);
    CHECK(keys == std::vector<std::string>{"CT", "AG", "HN", "DN", "BD"});
    CHECK(ranks == std::vector<std::uint32_t>{1, 2, 2, 4, 5});
    auto lowest = rank_units(m, 1, [&](unit_id u) { return score[m[u].key]; }, true);
    CHECK(m[lowest.front().unit].key == "DN");
    CHECK(rank_units(m, 7, [](unit_id) { return std::optional<double>(1.0); }).empty());
}

// ---- the run-summed pass against the plain one -------------------------------------------------

namespace {

// The plain computation rollup_units stands for: every task added into its unit's row one by one
// (detail::add, exact sums), each row rounded once, then added up the tree.
std::vector<status_counts> task_by_task(const model& m, date as_of) {
    const auto c = m.task_columns();
    const auto day = static_cast<std::int32_t>(as_of.day_number());
    std::vector<detail::exact_counts> own(m.units().size());
    for (std::size_t i = 0; i < c.size(); ++i) detail::add(own[index(c.unit[i])], detail::make_record(c, i, 0), day);
    std::vector<unit_id> parents;
    for (const auto& u : m.units()) parents.push_back(u.parent);
    return detail::rolled_up<unit_id>(hierarchy<unit_id>(std::move(parents)), own);
}

enum class layout { adjacent, shuffled, one_long_run };

// plain: the random models above. wide: weights and durations at the ends of their ranges and
// terms whose sums must not round (1e9, 2^-11 exactly, thirds, percents with every bit set).
// tiny: some terms below 2^-11 too, which a run cannot sum (it falls back to task by task).
enum class values { plain, wide, tiny };

double stress_weight(std::mt19937& rng, values v) {
    switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0: return 0.0;
    case 1: return limits::max_weight;
    case 2: return 0x1p-11;
    case 3: return v == values::tiny ? std::nextafter(0x1p-11, 0.0) : 0.75;
    case 4: return v == values::tiny ? 1e-9 : 1e-3;
    case 5: return 1.0 / 3.0;
    case 6: return std::uniform_real_distribution<double>(0.0, limits::max_weight)(rng);
    default: return std::uniform_int_distribution<int>(0, 8)(rng) * 0.25;
    }
}

double stress_percent(std::mt19937& rng, values v) {
    switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
    case 0: return 0.0;
    case 1: return 100.0;
    case 2: return v == values::tiny ? 1e-300 : 0.1;
    case 3: return std::nextafter(100.0, 0.0);
    default: return std::uniform_real_distribution<double>(0.0, 100.0)(rng);
    }
}

model run_model(std::uint32_t seed, int units, int tasks, layout how, values v) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    model m;
    for (int u = 0; u < units; ++u) {
        auto parent = u == 0 ? no_id<unit_id> : make_id<unit_id>(static_cast<std::size_t>(pick(0, u - 1)));
        m.add_unit({.key = std::string("U").append(std::to_string(u)), .parent = parent});
    }
    std::vector<std::size_t> owner(static_cast<std::size_t>(tasks));
    for (auto& o : owner) o = static_cast<std::size_t>(pick(0, units - 1));
    if (how == layout::adjacent) std::sort(owner.begin(), owner.end());
    if (how == layout::one_long_run)  // longer than a run's cap, then a few others
        for (std::size_t i = 0; i < owner.size(); ++i) owner[i] = i < owner.size() * 9 / 10 ? 0 : owner[i];
    const date base = day("2025-01-01");
    for (int t = 0; t < tasks; ++t) {
        task k{.key = std::string("T").append(std::to_string(t))};
        k.unit = make_id<unit_id>(owner[static_cast<std::size_t>(t)]);
        if (t > 0 && pick(0, 5) == 0) k.parent = make_id<task_id>(static_cast<std::size_t>(pick(0, t - 1)));
        if (pick(0, 4)) k.due = base + boost::gregorian::days(pick(0, 200));
        if (pick(0, 1)) k.completed = base + boost::gregorian::days(pick(0, 220));
        const bool stress = v != values::plain;
        k.duration = stress && pick(0, 4) == 0 ? limits::max_duration : pick(0, 20);
        k.percent = stress ? stress_percent(rng, v) : pick(0, 100);
        k.weight = stress ? stress_weight(rng, v) : pick(0, 6) * 0.5;
        k.cancelled = pick(0, 9) == 0;
        m.add_task(std::move(k));
    }
    return m;
}

}  // namespace

TEST_CASE("rollup.units.runs_give_the_bits_of_task_by_task") {
    std::mt19937 rng(13);
    const std::size_t long_run = 2 * detail::run_sums::cap + 7;
    for (std::uint32_t seed = 1; seed <= 12; ++seed)
        for (auto how : {layout::adjacent, layout::shuffled, layout::one_long_run})
            for (auto v : {values::plain, values::wide, values::tiny}) {
                const int tasks = how == layout::one_long_run ? static_cast<int>(long_run * 10 / 9 + 1) : 600;
                const auto m = run_model(seed, 1 + static_cast<int>(seed) * 4, tasks, how, v);
                for (int k = 0; k < 3; ++k) {
                    const date as_of = random_day(rng);
                    INFO("seed " << seed << " layout " << static_cast<int>(how) << " values " << static_cast<int>(v) << " as of "
                                 << format_date(as_of));
                    CHECK(rollup_units(m, as_of) == task_by_task(m, as_of));  // doubles compared bit for bit
                    CHECK(flat_rollup(m)(as_of) == task_by_task(m, as_of));
                }
            }
}

TEST_CASE("rollup.runs_out_of_a_models_range_fall_back_to_task_by_task") {
    // Records a valid model never holds (weights past 2^40, negative, not whole in 2^-63): the run
    // that meets one is added task by task, so the bits are still those of the plain pass.
    std::mt19937 rng(17);
    const std::int32_t day_number = static_cast<std::int32_t>(day("2025-06-01").day_number());
    // 0x1.8p-13 + 0x1p-64 is not a whole number of 2^-63: cut in two, it would round the wrong way.
    const double odd[] = {0x1p41, 3e12, -2.5, 1e-300, 0x1.8p-13 + 0x1p-64, 0x1.cp-12 + 0x1p-63, 0.0, 1.0};
    for (int round = 0; round < 40; ++round) {
        std::vector<detail::task_record> records(300);
        for (std::size_t i = 0; i < records.size(); ++i) {
            auto& r = records[i];
            r.owner = static_cast<std::uint32_t>(i / 50) & detail::task_record::max_owner;  // runs of 50
            r.due = day_number + std::uniform_int_distribution<int>(-30, 30)(rng);
            r.completed = std::uniform_int_distribution<int>(0, 2)(rng) ? detail::no_day : day_number - 10;
            r.duration = std::uniform_int_distribution<int>(0, 20)(rng);
            r.weight = std::uniform_int_distribution<int>(0, 30)(rng) == 0 ? odd[i % std::size(odd)] : 0.5;
            r.percent = std::uniform_real_distribution<double>(0.0, 100.0)(rng);
            r.cancelled = std::uniform_int_distribution<int>(0, 9)(rng) == 0;
            r.leaf = std::uniform_int_distribution<int>(0, 4)(rng) != 0;
        }
        std::vector<detail::exact_counts> plain(6);
        for (const auto& r : records) detail::add(plain[r.owner], r, day_number);
        const auto runs = detail::own_counts(plain.size(), records, day_number);
        for (std::size_t o = 0; o < plain.size(); ++o) CHECK(runs[o].value() == plain[o].value());
    }
    // Alone in its row, a term keeps its lowest bits in the rounded sum: a wrong cut shows there.
    for (double x : odd) {
        INFO("weight " << x);
        const detail::task_record r{.due = day_number, .weight = x, .percent = 50.0};
        detail::exact_counts plain;
        detail::add(plain, r, day_number);
        CHECK(detail::own_counts(1, std::span(&r, 1), day_number)[0].value() == plain.value());
    }
}

TEST_CASE("rollup.exact_sum_rounds_128_bits_as_the_compiler_does") {
    __extension__ typedef unsigned __int128 u128;
    auto check = [](std::uint64_t hi, std::uint64_t lo) {
        INFO("hi " << hi << " lo " << lo);
        CHECK(detail::exact_sum::to_double(hi, lo) == static_cast<double>((static_cast<u128>(hi) << 64) | lo));
    };
    std::mt19937_64 rng(19);
    for (int i = 0; i < 20000; ++i) {
        const int width = static_cast<int>(rng() % 65);  // hi of every width, 0 included
        const std::uint64_t hi = width == 0 ? 0 : rng() >> (64 - width);
        check(hi, rng());
        check(hi, rng() >> (rng() % 64));
    }
    // Ties and near-ties: 53 significant bits, then exactly half of the last, then a sticky bit.
    for (int shift = 0; shift < 64; ++shift)
        for (std::uint64_t top : {std::uint64_t{1} << 52, (std::uint64_t{1} << 53) - 1, (std::uint64_t{1} << 52) | 1}) {
            const u128 tie = ((static_cast<u128>(top) << 1) | 1) << (11 + shift);
            check(static_cast<std::uint64_t>(tie >> 64), static_cast<std::uint64_t>(tie));
            check(static_cast<std::uint64_t>(tie >> 64), static_cast<std::uint64_t>(tie) | 1);
            check(static_cast<std::uint64_t>((tie - 1) >> 64), static_cast<std::uint64_t>(tie - 1));
        }
    check(0, 0);
    check(~std::uint64_t{0}, ~std::uint64_t{0});
}

TEST_CASE("model.unit_hierarchy_is_kept_until_a_unit_is_added") {
    model m;
    const auto root = m.add_unit({.key = "R"});
    m.add_unit({.key = "A", .parent = root});
    const auto& first = m.unit_hierarchy();
    CHECK(&first == &m.unit_hierarchy());  // built once
    CHECK(first.size() == 2);
    CHECK_THROWS_AS(m.add_unit({.key = "A"}), model_error);  // refused: nothing changes
    CHECK(&first == &m.unit_hierarchy());

    model copy = m;
    const auto b = copy.add_unit({.key = "B", .parent = make_id<unit_id>(1)});
    CHECK(copy.unit_hierarchy().size() == 3);
    CHECK(copy.unit_hierarchy().parent(b) == make_id<unit_id>(1));
    CHECK(copy.unit_hierarchy().depth(b) == 2);
    CHECK(m.unit_hierarchy().size() == 2);  // the original keeps its own

    model moved = std::move(copy);
    CHECK(moved.unit_hierarchy().size() == 3);
    copy = m;  // assigned again after the move
    CHECK(copy.unit_hierarchy().size() == 2);

    // A model built from a draft knows its units too.
    model_draft d;
    d.units.push_back({.value = {.key = "X"}});
    d.units.push_back({.value = {.key = "Y"}, .parent = "X"});
    auto built = build(d);
    CHECK(built.unit_hierarchy().size() == 2);
    CHECK(built.unit_hierarchy().parent(make_id<unit_id>(1)) == make_id<unit_id>(0));

    // Threads asking at once share one hierarchy.
    model fresh = m;
    fresh.add_unit({.key = "C"});
    const hierarchy<unit_id>* seen[2] = {};
    std::thread other([&] { seen[0] = &fresh.unit_hierarchy(); });
    seen[1] = &fresh.unit_hierarchy();
    other.join();
    CHECK(seen[0] == seen[1]);
    CHECK(seen[1]->size() == 3);
}
