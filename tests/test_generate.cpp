#include <plangraph/generate.hpp>
#include <plangraph/validate.hpp>
#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace plangraph;

namespace {

/// The reference shape with fewer tasks, for tests that need many models.
generate_options small_options(std::uint64_t seed = 7) {
    generate_options o;
    o.seed = seed;
    o.provinces = 5;
    o.communes = 40;
    o.central_tasks = 60;
    o.tasks_per_province = 20;
    o.central_indicators = 9;
    o.indicators_per_province = 9;
    return o;
}

std::size_t count_depth(const model& m, std::uint32_t depth) {
    auto h = m.unit_hierarchy();
    std::size_t n = 0;
    for (std::size_t u = 0; u < m.units().size(); ++u) n += h.depth(make_id<unit_id>(u)) == depth;
    return n;
}

}  // namespace

TEST_CASE("generate.splitmix64.is_the_reference_sequence") {
    // First outputs of splitmix64 seeded with 0 (Vigna's reference implementation).
    splitmix64 r(0);
    CHECK(r.next() == 0xE220A8397B1DCDAFull);
    CHECK(r.next() == 0x6E789E6AA1B965F4ull);
    splitmix64 u(1);
    for (int i = 0; i < 1000; ++i) {
        double x = u.uniform();
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
        int b = u.between(-3, 10);
        REQUIRE(b >= -3);
        REQUIRE(b <= 10);
    }
}

TEST_CASE("generate.apportion.sums_exactly_and_follows_weights") {
    auto parts = detail::apportion(10, {1.0, 1.0, 1.0});
    CHECK(parts == std::vector<std::size_t>{4, 3, 3});
    auto skewed = detail::apportion(100, {3.0, 1.0});
    CHECK(skewed == std::vector<std::size_t>{75, 25});
    CHECK(detail::apportion(5, {}).empty());
}

TEST_CASE("generate.reference.counts") {
    auto m = generate_model();
    CHECK(count_depth(m, 0) == 1);
    CHECK(count_depth(m, 1) == 34);
    CHECK(count_depth(m, 2) == 3321);
    CHECK(m.units().size() == 1 + 34 + 3321);
    CHECK(m.tasks().size() == 1100 + 34 * 100 + 3321 * 16);
    CHECK(m.indicators().size() == 65 + 34 * 65 + 3321 * 4);
    CHECK(m.plans().size() == m.units().size() + 1);  // one per unit, plus Plan 02
    REQUIRE(m.find_unit("VN"));
    CHECK(m.level_name(*m.find_unit("VN-01")) == "province");
    CHECK(m.level_name(*m.find_unit("VN-01-001")) == "commune");

    // Communes vary per province.
    auto h = m.unit_hierarchy();
    std::set<std::size_t> sizes;
    for (auto p : h.children(*m.find_unit("VN"))) sizes.insert(h.children(p).size());
    CHECK(sizes.size() > 5);

    // Every commune has Plan 02's 16 tasks, with the same names, each decomposing the central
    // summary task of the same name in Plan 02.
    auto plan02 = m.find_plan("02-KH/BCĐTW");
    REQUIRE(plan02);
    std::map<unit_id, std::vector<task_id>> by_unit;
    for (std::size_t t = 0; t < m.tasks().size(); ++t) by_unit[m.tasks()[t].unit].push_back(make_id<task_id>(t));
    std::size_t communes_checked = 0;
    for (std::size_t u = 0; u < m.units().size(); ++u) {
        auto id = make_id<unit_id>(u);
        if (h.depth(id) != 2) continue;
        const auto& ts = by_unit[id];
        REQUIRE(ts.size() == 16);
        for (std::size_t j = 0; j < 16; ++j) {
            const auto& t = m[ts[j]];
            CHECK(t.name == plan02_tasks()[j].name);
            REQUIRE(!is_none(t.parent));
            CHECK(m[t.parent].plan == *plan02);
            CHECK(m[t.parent].name == t.name);
            CHECK(m[m[t.plan].parent].unit == m[id].parent);  // the province's plan
        }
        ++communes_checked;
    }
    CHECK(communes_checked == 3321);
}

TEST_CASE("generate.reference.plans_cascade_along_units") {
    auto m = generate_model(small_options());
    for (const auto& p : m.plans()) {
        if (p.key == "02-KH/BCĐTW") {
            CHECK(p.parent == *m.find_plan("KH-VN"));
            continue;
        }
        CHECK(p.key == "KH-" + m[p.unit].key);
        auto parent_unit = m[p.unit].parent;
        if (is_none(parent_unit)) CHECK(is_none(p.parent));
        else CHECK(m[p.parent].unit == parent_unit);
    }
    for (const auto& t : m.tasks()) CHECK(m[t.plan].unit == t.unit);
}

TEST_CASE("generate.determinism.same_seed_same_model") {
    auto a = generate_model(small_options(11));
    auto b = generate_model(small_options(11));
    CHECK(a == b);
    auto c = generate_model(small_options(12));
    CHECK_FALSE(a == c);
    CHECK(a.units().size() == c.units().size());
    CHECK(a.tasks().size() == c.tasks().size());
}

TEST_CASE("generate.determinism.pinned_fingerprint") {
    // The generator draws from its own splitmix64 only, so this value holds on every platform and
    // standard library; it changes only when the generator itself changes.
    auto m = generate_model(small_options(11));
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (const auto& t : m.tasks()) {
        mix(t.start ? static_cast<std::uint64_t>(t.start->day_number()) : 0);
        mix(t.due ? static_cast<std::uint64_t>(t.due->day_number()) : 0);
        mix(t.completed ? static_cast<std::uint64_t>(t.completed->day_number()) : 0);
        mix(static_cast<std::uint64_t>(t.duration) * 1000 + static_cast<std::uint64_t>(t.percent));
        mix(index(t.parent));
    }
    for (const auto& l : m.links()) mix(index(l.from) ^ (std::uint64_t{index(l.to)} << 32) ^ static_cast<std::uint64_t>(l.lag + 100));
    CHECK(h == 16677180125740397281ull);
}

TEST_CASE("generate.draft.validates_and_builds_the_same_model") {
    auto o = small_options(3);
    auto draft = generate_draft(o);
    CHECK(validate(draft).empty());
    auto built = build(draft);
    CHECK(built == generate_model(o));
    CHECK(draft.tasks.size() == built.tasks().size());
    CHECK(draft.links.size() == built.links().size());
}

TEST_CASE("generate.reference.draft_is_valid") {
    auto problems = validate(generate_draft());
    CHECK(problems.empty());
    for (std::size_t i = 0; i < std::min<std::size_t>(problems.size(), 5); ++i) MESSAGE(to_string(problems[i]));
}

TEST_CASE("generate.links.acyclic_within_a_unit_and_varied") {
    auto m = generate_model();
    CHECK(topological_order(m.dependency_graph()).acyclic());
    std::map<link_type, std::size_t> types;
    bool some_lag = false;
    for (const auto& l : m.links()) {
        CHECK(index(l.from) < index(l.to));
        CHECK(m[l.from].unit == m[l.to].unit);
        CHECK(m[l.from].plan == m[l.to].plan);
        ++types[l.type];
        some_lag = some_lag || l.lag != 0;
    }
    CHECK(types[link_type::finish_to_start] > types[link_type::start_to_start]);
    CHECK(types.size() == 4);
    CHECK(some_lag);
}

TEST_CASE("generate.tasks.realistic_dates_and_progress") {
    generate_options o;
    auto m = generate_model(o);
    std::size_t cancelled = 0, done = 0, late = 0, overdue = 0, in_progress = 0, subtasks = 0, recurring = 0;
    for (const auto& t : m.tasks()) {
        if (t.start) CHECK(*t.start >= o.horizon_begin);
        if (t.due) CHECK(*t.due <= o.horizon_end);
        if (t.completed) {
            CHECK(*t.completed <= o.as_of);  // progress as it stands on as_of
            CHECK(t.percent == 100.0);
            CHECK(!t.cancelled);
        }
        cancelled += t.cancelled;
        subtasks += !is_none(t.parent);
        recurring += t.recurring;
        if (t.cancelled) continue;
        if (t.completed) ++done, late += (t.due && *t.completed > *t.due);
        else if (t.due && *t.due < o.as_of) ++overdue;
        else ++in_progress;
    }
    const double n = static_cast<double>(m.tasks().size());
    CHECK(static_cast<double>(cancelled) / n == doctest::Approx(0.01).epsilon(0.3));
    CHECK(done > 0);
    CHECK(late > 0);
    CHECK(overdue > 0);
    CHECK(in_progress > 0);
    CHECK(recurring > 0);
    CHECK(subtasks > 3321 * 16);  // every commune task, and some province tasks
}

TEST_CASE("generate.indicators.roll_up_along_units") {
    auto m = generate_model(small_options());
    std::set<aggregation> kinds;
    for (const auto& i : m.indicators()) {
        kinds.insert(i.agg);
        if (is_none(i.parent)) {
            CHECK(is_none(m[i.unit].parent));
            continue;
        }
        CHECK(m[i.parent].unit == m[i.unit].parent);
        CHECK(m[i.parent].agg == i.agg);
        if (i.agg == aggregation::ratio) {
            REQUIRE(i.numerator);
            REQUIRE(i.denominator);
            CHECK(*i.numerator <= *i.denominator);
        }
    }
    CHECK(kinds.size() == 8);
}

TEST_CASE("generate.task_count.gives_exactly_the_tasks_asked") {
    for (std::size_t n : {0u, 1u, 17u, 10'000u, 123'457u}) {
        generate_options o = small_options();
        o.task_count = n;
        auto m = generate_model(o);
        CHECK(m.tasks().size() == n);
        CHECK(m.units().size() == 1 + 5 + 40);
    }
    generate_options big;
    big.task_count = 100'000;
    auto m = generate_model(big);
    CHECK(m.tasks().size() == 100'000);
    // Every commune keeps Plan 02's tasks first, and gets extra ones past them.
    auto first_commune = *m.find_unit("VN-01-001");
    std::size_t own = 0;
    for (const auto& t : m.tasks()) own += t.unit == first_commune;
    CHECK(own > 16);
    CHECK(topological_order(m.dependency_graph()).acyclic());
}

TEST_CASE("generate.generate_work.on_given_units") {
    model units;
    auto c = units.add_unit({.key = "X", .name = "Centre"});
    auto p = units.add_unit({.key = "X1", .name = "Region", .parent = c});
    units.add_unit({.key = "X1a", .name = "Town", .parent = p});
    units.add_unit({.key = "X1b", .name = "Village", .parent = p});
    generate_options o;
    o.central_tasks = 20;
    generate_work(units, o);
    CHECK(units.tasks().size() == 20 + 100 + 2 * 16);
    CHECK(units.plans().size() == 5);
    CHECK(units.find_plan("KH-X1a"));
    CHECK(topological_order(units.dependency_graph()).acyclic());
    // A second call would duplicate everything: refused, model unchanged.
    auto before = units;
    CHECK_THROWS_WITH_AS(generate_work(units, o), "generate_work: the model must hold units only", model_error);
    CHECK(units == before);
}

TEST_CASE("generate.schedule.a_plan_that_mostly_holds") {
    // Sub-tasks are planned inside their parent's window, links join siblings only and follow
    // the planned dates: the national plan schedules (no cycle through summaries) and few of its
    // deadlines conflict, as in a real plan.
    auto m = generate_model();
    auto plan = schedule(m);
    auto report = propagate_deadlines(m, plan);
    CHECK(report.conflicts.size() * 100 < m.tasks().size());  // under 1%
    // Siblings only, but for Plan 02's links in each commune, whose tasks decompose different
    // central Plan 02 tasks.
    const auto plan02 = m.find_plan("02-KH/BCĐTW");
    REQUIRE(plan02);
    auto in_plan02 = [&](task_id t) { return !is_none(t) && m[t].plan == *plan02; };
    for (const auto& l : m.links()) {
        const auto &a = m[l.from], &b = m[l.to];
        CHECK((a.parent == b.parent || (in_plan02(a.parent) && in_plan02(b.parent))));
    }
    for (const auto& t : m.tasks()) {
        if (is_none(t.parent)) continue;
        const auto& p = m[t.parent];
        if (t.start && p.start) CHECK(*t.start >= *p.start);
        if (t.due && p.due) CHECK(*t.due <= *p.due);
    }
}
