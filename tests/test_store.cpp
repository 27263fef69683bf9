// The model's storage: tasks in columns read as views, the key index over the owners' keys,
// payloads stored only when some differ from the default, setters that write one column.
#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

using namespace plangraph;

namespace {

date day(int y, int m, int d) { return make_date(y, m, d); }

/// prefix + i, appended (a `"T" + std::to_string(i)` trips GCC 12's false -Wrestrict at -O3, PR 105651).
std::string numbered(const char* prefix, int i) {
    std::string s = prefix;
    s += std::to_string(i);
    return s;
}

/// A task with every field set away from its default.
task full_task(unit_id u, plan_id p) {
    return {.key = "T1",
            .name = "Số hoá hồ sơ",
            .unit = u,
            .plan = p,
            .start = day(2025, 3, 1),
            .due = day(2025, 6, 30),
            .duration = 40,
            .completed = day(2025, 6, 1),
            .percent = 37.5,
            .weight = 2.25,
            .cancelled = true,
            .recurring = true,
            .constraint = {constraint_kind::must_finish_on, day(2025, 6, 2)}};
}

struct score {
    int points = 0;
    bool operator==(const score&) const = default;
};

/// A payload whose move throws while `fail` is set: an append that fails after its key is in.
struct fragile {
    static inline bool fail = false;
    int points = 0;
    fragile() = default;
    explicit fragile(int p) : points(p) {}
    fragile(const fragile&) = default;
    fragile(fragile&& o) : points(o.points) {
        if (fail) throw std::runtime_error("payload refused");
    }
    fragile& operator=(const fragile&) = default;
    fragile& operator=(fragile&&) = default;
    bool operator==(const fragile&) const = default;
};

}  // namespace

static_assert(std::random_access_iterator<task_range::iterator>);
static_assert(std::ranges::random_access_range<task_range>);
static_assert(std::ranges::sized_range<task_range>);
static_assert(std::ranges::borrowed_range<task_range>);
static_assert(std::same_as<std::ranges::range_value_t<task_range>, task_view>);

TEST_CASE("store.task_view.reads_back_every_field_exactly") {
    model m;
    auto u = m.add_unit({.key = "U"});
    auto p = m.add_plan({.key = "P", .unit = u});
    const task t = full_task(u, p);
    auto id = m.add_task(t);
    const task bare{.key = "T2", .unit = u};
    auto id2 = m.add_task(bare);

    CHECK(m[id] == task_view(t));
    CHECK(m[id].to_task() == t);
    CHECK(m[id2].to_task() == bare);
    CHECK(m[id].name == "Số hoá hồ sơ");
    CHECK_FALSE(m[id2].start);
    CHECK_FALSE(m[id2].completed);
    CHECK(m[id2].constraint == task_constraint{});
    // Every constraint kind survives the three bits it is kept in.
    for (int k = 0; k < 8; ++k) {
        const task_constraint c{static_cast<constraint_kind>(k), day(2025, 5, 5)};
        m.set_constraint(id2, c);
        CHECK(m[id2].constraint == c);
    }
    // The ends of the accepted range come back as they went in.
    m.set_start(id2, limits::min_date());
    m.set_due(id2, limits::max_date());
    CHECK(*m[id2].start == limits::min_date());
    CHECK(*m[id2].due == limits::max_date());
}

TEST_CASE("store.tasks.a_random_access_range_of_views") {
    model m;
    auto u = m.add_unit({.key = "U"});
    for (int i = 0; i < 10; ++i)
        m.add_task({.key = numbered("T", i), .unit = u, .duration = i, .cancelled = i % 3 == 0});
    const auto tasks = m.tasks();
    REQUIRE(tasks.size() == 10);
    CHECK_FALSE(tasks.empty());
    CHECK(tasks.front().key == "T0");
    CHECK(tasks.back().key == "T9");
    CHECK(tasks[4].duration == 4);
    CHECK(tasks.end() - tasks.begin() == 10);
    CHECK(tasks.begin()[7].duration == 7);
    CHECK(std::ranges::count_if(tasks, [](const task_view& t) { return t.cancelled; }) == 4);
    auto longest = std::ranges::max_element(tasks, {}, &task_view::duration);
    CHECK((*longest).key == "T9");
    std::vector<std::string> keys;
    for (const auto& t : m.tasks()) keys.emplace_back(t.key);
    CHECK(keys.size() == 10);
    CHECK(keys[3] == "T3");
    CHECK(std::ranges::is_sorted(tasks, {}, &task_view::duration));
    CHECK((*std::ranges::lower_bound(tasks, 6, {}, &task_view::duration)).key == "T6");
    CHECK(model{}.tasks().empty());
}

TEST_CASE("store.task_columns.hold_what_the_views_show") {
    model m;
    auto u = m.add_unit({.key = "U"});
    auto p = m.add_plan({.key = "P", .unit = u});
    auto s = m.add_task({.key = "S", .unit = u, .duration = 10});
    auto a = m.add_task(full_task(u, p));
    auto b = m.add_task({.key = "B", .unit = u, .parent = s, .duration = 3});
    auto r = m.add_resource({.key = "R", .capacity = 2});
    m.add_demand({b, r, 1});

    const auto c = m.task_columns();
    REQUIRE(c.size() == 3);
    CHECK(c.unit[index(a)] == u);
    CHECK(c.plan[index(a)] == p);
    CHECK(c.parent[index(b)] == s);
    CHECK(c.start[index(a)] == static_cast<std::int32_t>(day(2025, 3, 1).day_number()));
    CHECK(c.due[index(s)] == detail::no_day);
    CHECK(c.duration[index(b)] == 3);
    CHECK(c.percent[index(a)] == 37.5);
    CHECK(c.weight[index(a)] == 2.25);
    CHECK(c.flags[index(a)] == (task_flag::cancelled | task_flag::recurring |
                                static_cast<int>(constraint_kind::must_finish_on) << task_flag::constraint_shift));
    CHECK(c.flags[index(s)] == task_flag::summary);
    CHECK(c.flags[index(b)] == task_flag::has_demands);
}

TEST_CASE("store.build.marks_a_summary_whose_sub_task_comes_first") {
    // A draft may name a parent further down the file: the leaf flag must still be right, or the
    // duration-weighted percent complete would count the summary's duration too.
    model_draft d;
    d.units.push_back({.value = {.key = "U"}});
    d.tasks.push_back({.value = {.key = "child", .duration = 4, .percent = 50}, .unit = "U", .parent = "sum"});
    d.tasks.push_back({.value = {.key = "sum", .duration = 10}, .unit = "U"});
    const model m = build(d);
    CHECK(m.task_columns().flags[1] == task_flag::summary);
    const auto rows = rollup_units(m, day(2025, 1, 1));
    CHECK(rows[0].duration == 4);
    CHECK(rows[0].duration_done == 2);
}

TEST_CASE("store.setters.write_their_field_and_nothing_else") {
    model m;
    auto u = m.add_unit({.key = "U"});
    auto id = m.add_task(full_task(u, no_id<plan_id>));
    task expected = full_task(u, no_id<plan_id>);
    auto same = [&] { CHECK(m[id].to_task() == expected); };

    m.set_completed(id, std::nullopt), expected.completed.reset(), same();
    m.set_percent(id, 12.5), expected.percent = 12.5, same();
    m.set_due(id, day(2025, 7, 1)), expected.due = day(2025, 7, 1), same();
    m.set_start(id, std::nullopt), expected.start.reset(), same();
    m.set_duration(id, 0), expected.duration = 0, same();
    m.set_weight(id, 0), expected.weight = 0, same();
    m.set_cancelled(id, false), expected.cancelled = false, same();
    m.set_constraint(id, {}), expected.constraint = {}, same();
    CHECK(m.task_columns().flags[index(id)] == task_flag::recurring);
}

TEST_CASE("store.setters.a_refusal_names_every_problem_of_the_task") {
    // A due date before the start is allowed; a refused change's message still names it, as the
    // whole task would be reported in a draft.
    model m;
    auto u = m.add_unit({.key = "U"});
    auto id = m.add_task({.key = "A", .unit = u, .start = day(2025, 2, 1), .due = day(2025, 1, 1)});
    const model before = m;
    CHECK_THROWS_WITH_AS(m.set_percent(id, 200),
                         "task A: due 2025-01-01 is before start 2025-02-01; task A: percent 200 is outside 0-100",
                         model_error);
    CHECK_THROWS_WITH_AS(m.set_constraint(id, {constraint_kind::must_start_on, std::nullopt}),
                         "task A: due 2025-01-01 is before start 2025-02-01; task A: constraint MSO needs a date",
                         model_error);
    CHECK_THROWS_WITH_AS(m.set_weight(id, -1),
                         "task A: due 2025-01-01 is before start 2025-02-01; task A: weight is negative (-1)",
                         model_error);
    CHECK(m == before);
    m.set_due(id, day(2024, 12, 1));  // still allowed
    CHECK(*m[id].due == day(2024, 12, 1));
}

TEST_CASE("store.setters.check_demands_only_of_tasks_that_have_some") {
    model m;
    auto u = m.add_unit({.key = "U"});
    auto a = m.add_task({.key = "A", .unit = u, .duration = 3});
    auto b = m.add_task({.key = "B", .unit = u, .duration = 3});
    auto r = m.add_resource({.key = "R", .capacity = 2});
    m.add_demand({a, r, 1});
    const model before = m;
    CHECK_THROWS_WITH_AS(m.set_duration(a, 0), "demand of task A on resource R: task A is a milestone, which demands nothing",
                         model_error);
    CHECK(m == before);
    m.set_duration(b, 0);  // no demand: a milestone is fine
    CHECK(m[b].is_milestone());
    CHECK_THROWS_WITH_AS(m.add_demand({a, r, 2}), "demand of task A on resource R is already in the model", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "C", .unit = u, .parent = a}),
                         "task C: parent task A demands resources, and a summary task demands nothing", model_error);
}

TEST_CASE("store.keys.found_through_the_owners_rows") {
    model m;
    auto u = m.add_unit({.key = "U"});
    std::vector<task_id> ids;
    for (int i = 0; i < 2000; ++i) ids.push_back(m.add_task({.key = numbered("task-", i), .unit = u}));
    for (int i = 0; i < 2000; i += 37) CHECK(m.find_task(numbered("task-", i)) == ids[static_cast<std::size_t>(i)]);
    CHECK_FALSE(m.find_task("task-2000"));
    CHECK_FALSE(m.find_task(""));
    CHECK_THROWS_WITH_AS(m.add_task({.key = "task-1999", .unit = u}), "duplicate task id task-1999", model_error);
    CHECK(m.tasks().size() == 2000);
    CHECK(m.find_unit("U") == u);

    // The index itself, over keys its owner keeps.
    std::vector<std::string> keys;
    detail::key_index by_key;
    auto key_of = [&keys](std::uint32_t i) -> const std::string& { return keys[i]; };
    for (int i = 0; i < 100; ++i) {
        keys.push_back(std::to_string(i * 7919));
        CHECK(by_key.insert(keys.back(), static_cast<std::uint32_t>(i), key_of));
    }
    CHECK_FALSE(by_key.insert("7919", 500, key_of));
    CHECK(by_key.size() == 100);
    CHECK(by_key.find("7919", key_of) == 1u);
    CHECK(by_key.find("99", key_of) == std::nullopt);
}

TEST_CASE("store.key_index.batched_insert_and_find_agree_with_one_at_a_time") {
    // insert_all and find_all (prefetching, for a build's millions of keys) against insert and
    // find one key at a time, on keys with duplicates, empty ones and misses, across sizes that
    // are below, at and past the prefetch distance.
    for (int n : {0, 1, 7, 16, 17, 33, 5000}) {
        std::vector<std::string> keys;
        for (int i = 0; i < n; ++i) keys.push_back(i % 11 == 3 ? std::string() : numbered("k", (i * 7919) % (n / 2 + 1)));
        auto key_of = [&keys](std::uint32_t i) -> const std::string& { return keys[i]; };
        detail::key_index one, all;
        std::vector<std::pair<std::size_t, std::uint32_t>> dup_one, dup_all;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i].empty()) continue;
            if (!one.insert(keys[i], static_cast<std::uint32_t>(i), key_of)) dup_one.emplace_back(i, *one.find(keys[i], key_of));
        }
        all.insert_all(keys.size(), [&keys](std::size_t i) -> std::string_view { return keys[i]; }, key_of,
                       [&dup_all](std::size_t i, std::uint32_t first) { dup_all.emplace_back(i, first); });
        CHECK(dup_one == dup_all);
        CHECK(one.size() == all.size());
        std::vector<std::string> refs = keys;
        for (int i = 0; i < n; ++i) refs.push_back(numbered("miss", i));
        std::vector<std::uint32_t> found;
        all.find_all(refs.size(), [&refs](std::size_t i) -> std::string_view { return refs[i]; }, key_of, found);
        REQUIRE(found.size() == refs.size());
        std::size_t differ = 0;
        for (std::size_t i = 0; i < refs.size(); ++i) {
            auto f = refs[i].empty() ? std::nullopt : one.find(refs[i], key_of);
            if (found[i] != f.value_or(detail::key_index::absent)) ++differ;
        }
        CHECK(differ == 0);
    }
}

TEST_CASE("store.key_index.batched_lookups_compare_keys_not_only_hash_bits") {
    // Two keys whose 32 hash bits (as key_index folds std::hash) are equal, found by search:
    // each must be found at its own index, and a third key with those bits not at all.
    auto bits = [](const std::string& k) {
        const std::uint64_t h = std::hash<std::string_view>{}(k);
        return static_cast<std::uint32_t>(h ^ (h >> 32));
    };
    std::unordered_map<std::uint32_t, std::vector<std::string>> by_bits;
    std::vector<std::string> same;
    for (int i = 0; i < 2'000'000 && same.size() < 3; ++i) {
        auto& v = by_bits[bits(numbered("c", i))];
        v.push_back(numbered("c", i));
        if (v.size() > same.size()) same = v;
    }
    REQUIRE(same.size() >= 2);
    std::vector<std::string> keys(same.begin(), same.begin() + 2);
    auto key_of = [&keys](std::uint32_t i) -> const std::string& { return keys[i]; };
    detail::key_index all;
    std::size_t duplicates = 0;
    all.insert_all(keys.size(), [&keys](std::size_t i) -> std::string_view { return keys[i]; }, key_of,
                   [&duplicates](std::size_t, std::uint32_t) { ++duplicates; });
    CHECK(duplicates == 0);
    std::vector<std::string> refs{keys[1], keys[0], same.size() > 2 ? same[2] : std::string("absent")};
    std::vector<std::uint32_t> found;
    all.find_all(refs.size(), [&refs](std::size_t i) -> std::string_view { return refs[i]; }, key_of, found);
    CHECK(found == std::vector<std::uint32_t>{1, 0, detail::key_index::absent});
}

TEST_CASE("store.build.keeps_the_key_index_validation_built") {
    // build() takes the index validation built over the draft's task keys: every key is found
    // at its row, and the index grows on for tasks added afterwards, refusing a draft's key.
    model_draft d;
    d.units.push_back({.value = {.key = "U"}});
    for (int i = 0; i < 100; ++i) d.tasks.push_back({.value = {.key = numbered("draft-", i)}, .unit = "U"});
    model m = build(std::move(d));
    for (int i = 0; i < 100; ++i) CHECK(m.find_task(numbered("draft-", i)) == make_id<task_id>(static_cast<std::size_t>(i)));
    CHECK_FALSE(m.find_task("draft-100"));
    const auto u = *m.find_unit("U");
    for (int i = 0; i < 1000; ++i) m.add_task({.key = numbered("added-", i), .unit = u});
    CHECK(m.find_task("draft-42") == make_id<task_id>(42));
    CHECK(m.find_task("added-999") == make_id<task_id>(1099));
    CHECK_THROWS_WITH_AS(m.add_task({.key = "draft-7", .unit = u}), "duplicate task id draft-7", model_error);
}

TEST_CASE("store.payloads.stored_only_when_some_differ_from_the_default") {
    using scored = basic_model<no_data, score, no_data>;
    scored m;
    auto u = m.add_unit({.key = "U"});
    auto a = m.add_task({.key = "A", .unit = u});
    auto b = m.add_task({.key = "B", .unit = u});
    const scored& read = m;
    CHECK(read.data(a) == score{});  // absent reads as the default

    scored filled = m;
    filled.data(b);  // a mutable payload asked for: every task gets one, all default
    CHECK(filled == m);

    auto c = m.add_task({.key = "C", .unit = u}, score{7});
    CHECK(read.data(c).points == 7);
    CHECK(read.data(a).points == 0);
    m.data(a).points = 3;
    CHECK(read.data(a).points == 3);
    auto d = m.add_task({.key = "D", .unit = u});
    CHECK(read.data(d).points == 0);
    CHECK_FALSE(m == filled);

    // The default payload keeps the input's extra columns, compared by meaning too.
    model plain;
    auto pu = plain.add_unit({.key = "U"});
    auto t = plain.add_task({.key = "T", .unit = pu});
    model other = plain;
    other.data(t) = attributes{};
    CHECK(other == plain);
    other.data(t).items.emplace_back("owner", "Ms Lan");
    CHECK_FALSE(other == plain);
    CHECK(*std::as_const(other).data(t).find("owner") == "Ms Lan");
}

TEST_CASE("store.append.a_failed_append_leaves_no_key_behind") {
    using fragile_model = basic_model<fragile, fragile, fragile>;
    fragile_model m;
    auto u = m.add_unit({.key = "U"}, fragile{1});
    m.add_task({.key = "A", .unit = u}, fragile{2});
    const fragile_model before = m;

    fragile::fail = true;
    CHECK_THROWS_AS(m.add_task({.key = "B", .unit = u}, fragile{3}), std::runtime_error);
    CHECK_THROWS_AS(m.add_unit({.key = "V", .parent = u}, fragile{4}), std::runtime_error);
    CHECK_THROWS_AS(m.add_indicator({.key = "I", .unit = u}, fragile{5}), std::runtime_error);
    fragile::fail = false;

    CHECK(m == before);
    CHECK_FALSE(m.find_task("B"));
    CHECK_FALSE(m.find_unit("V"));
    CHECK_FALSE(m.find_indicator("I"));
    // The keys are free again, and the ones before still found.
    auto b = m.add_task({.key = "B", .unit = u}, fragile{3});
    CHECK(m.find_task("B") == b);
    CHECK(std::as_const(m).data(b).points == 3);
    CHECK(m.find_task("A"));
    auto v = m.add_unit({.key = "V", .parent = u}, fragile{4});
    CHECK(m.find_unit("V") == v);
}
