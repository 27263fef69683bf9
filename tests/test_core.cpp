// Dates, periods, the flat hierarchy and the CSR dependency graph: the skeleton every algorithm
// runs on.
#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace plangraph;

TEST_CASE("date.parse_date.strict_iso") {
    CHECK(parse_date("2025-11-15") == date(2025, 11, 15));
    CHECK(format_date(date(2025, 1, 5)) == "2025-01-05");
    CHECK(parse_date("2024-02-29"));
    CHECK_FALSE(parse_date("2025-02-29"));  // not a leap year
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-1-01"));
    CHECK_FALSE(parse_date("15/11/2025"));
    CHECK_FALSE(parse_date("2025-11-15 "));
    CHECK_FALSE(parse_date(""));
}

// parse_date computes the day number itself: every day Boost counts must read back as Boost
// makes it, and every byte that is not a digit must be refused where a digit belongs.
TEST_CASE("date.parse_date.every_day_as_boost_makes_it") {
    std::size_t wrong = 0;
    for (date d = first_countable_day(); d <= last_countable_day(); d += boost::gregorian::days(1)) {
        auto ymd = d.year_month_day();
        auto parsed = parse_date(format_date(d));
        if (!parsed || *parsed != date(ymd.year, ymd.month, ymd.day) || parsed->day_number() != d.day_number()) ++wrong;
    }
    CHECK(wrong == 0);
    std::size_t accepted = 0;
    const std::string good = "2024-02-29";
    for (std::size_t at : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        for (int b = 0; b < 256; ++b) {
            std::string s = good;
            s[at] = static_cast<char>(b);
            if ((b < '0' || b > '9') && parse_date(s)) ++accepted;
        }
    CHECK(accepted == 0);
    CHECK_FALSE(parse_date("1399-12-31"));
    CHECK_FALSE(parse_date("2025-04-31"));
    CHECK_FALSE(parse_date("2025-00-10"));
    CHECK_FALSE(parse_date("2025-10-00"));
    CHECK(parse_date("1400-01-01") == first_countable_day());
    CHECK(parse_date("9999-12-31") == last_countable_day());
}

// The enum parsers are one-instance templates (issue 13): still constant expressions, still
// callable with a string, and `parse_x<>` still names a function to pass on.
static_assert(parse_link_type("SS") == link_type::start_to_start);
static_assert(parse_constraint_kind("MFO") == constraint_kind::must_finish_on);
static_assert(parse_aggregation("count_met") == aggregation::count_met);
static_assert(parse_direction("lower") == direction::lower_is_better);
static_assert(parse_date_step("week") == date_step::week);
static_assert(!parse_link_type("XX") && !parse_constraint_kind("asap") && !parse_aggregation("") &&
              !parse_direction("up") && !parse_date_step("year"));

TEST_CASE("enums.parse.every_name_round_trips_through_a_function_pointer") {
    std::optional<link_type> (*link_of)(std::string_view) = parse_link_type<>;
    for (auto t : {link_type::finish_to_start, link_type::start_to_start, link_type::finish_to_finish,
                   link_type::start_to_finish})
        CHECK(link_of(to_string(t)) == t);
    std::optional<constraint_kind> (*constraint_of)(std::string_view) = parse_constraint_kind<>;
    for (int i = 0; i < 8; ++i) {
        const auto k = static_cast<constraint_kind>(i);
        CHECK(constraint_of(to_string(k)) == k);
    }
    std::optional<aggregation> (*aggregation_of)(std::string_view) = parse_aggregation<>;
    for (int i = 0; i < 8; ++i) {
        const auto a = static_cast<aggregation>(i);
        CHECK(aggregation_of(to_string(a)) == a);
    }
    std::optional<direction> (*direction_of)(std::string_view) = parse_direction<>;
    CHECK(direction_of("higher_is_better") == direction::higher_is_better);
    CHECK_FALSE(direction_of("HIGHER"));
}

TEST_CASE("date.parse_period.year_quarter_month_day") {
    auto q4 = parse_period("2025-Q4");
    REQUIRE(q4);
    CHECK(q4->begin() == date(2025, 10, 1));
    CHECK(q4->last() == date(2025, 12, 31));
    CHECK(parse_period("2025")->last() == date(2025, 12, 31));
    CHECK(parse_period("2026-02")->last() == date(2026, 2, 28));
    CHECK(parse_period("2026-02-03")->length().days() == 1);
    CHECK_FALSE(parse_period("2025-Q5"));
    CHECK_FALSE(parse_period("2025-00"));
    CHECK_FALSE(parse_period("25"));
}

namespace {
// A random forest: each vertex's parent is a lower index or none, then shuffled labels.
std::vector<task_id> random_parents(std::mt19937& rng, std::size_t n) {
    std::vector<std::uint32_t> label(n);
    for (std::uint32_t i = 0; i < n; ++i) label[i] = i;
    std::shuffle(label.begin(), label.end(), rng);
    std::vector<task_id> parents(n, no_id<task_id>);
    for (std::size_t i = 1; i < n; ++i)
        if (rng() % 8 != 0) parents[label[i]] = task_id{label[rng() % i]};
    return parents;
}
}  // namespace

TEST_CASE("hierarchy.orders.children_before_parents_and_contiguous_subtrees") {
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        auto parents = random_parents(rng, 1 + rng() % 200);
        hierarchy<task_id> h(parents);
        const auto n = parents.size();
        REQUIRE(h.post_order().size() == n);
        REQUIRE(h.pre_order().size() == n);
        std::vector<std::size_t> post_pos(n);
        for (std::size_t i = 0; i < n; ++i) post_pos[index(h.post_order()[i])] = i;
        for (std::size_t v = 0; v < n; ++v) {
            auto id = make_id<task_id>(v);
            auto p = parents[v];
            if (is_none(p)) {
                CHECK(h.depth(id) == 0);
                continue;
            }
            CHECK(post_pos[v] < post_pos[index(p)]);
            CHECK(h.pre_position(p) < h.pre_position(id));
            CHECK(h.depth(id) == h.depth(p) + 1);
            CHECK(h.contains(p, id));
            CHECK_FALSE(h.contains(id, p));
            auto kids = h.children(p);
            CHECK(std::find(kids.begin(), kids.end(), id) != kids.end());
        }
        // Subtree sizes add up: each vertex is one plus its children's subtrees.
        for (std::size_t v = 0; v < n; ++v) {
            std::uint32_t sum = 1;
            for (auto c : h.children(make_id<task_id>(v))) sum += h.subtree_size(c);
            CHECK(h.subtree_size(make_id<task_id>(v)) == sum);
        }
    }
}

TEST_CASE("hierarchy.parent_cycles.named_in_order") {
    // 0 → 1 → 2 → 0 is a cycle; 3 hangs off it; 4 → 4 is a self-loop; 5 is a root.
    std::vector<unit_id> parents{unit_id{1}, unit_id{2}, unit_id{0}, unit_id{0}, unit_id{4}, no_id<unit_id>};
    auto cycles = parent_cycles<unit_id>(parents);
    REQUIRE(cycles.size() == 2);
    CHECK(cycles[0] == std::vector<unit_id>{unit_id{0}, unit_id{1}, unit_id{2}});
    CHECK(cycles[1] == std::vector<unit_id>{unit_id{4}});
    CHECK_THROWS_AS(hierarchy<unit_id>{parents}, cycle_error);
}

TEST_CASE("digraph.topological_order.respects_every_edge") {
    std::mt19937 rng(11);
    for (int round = 0; round < 20; ++round) {
        const auto n = static_cast<std::uint32_t>(1 + rng() % 300);
        std::vector<std::uint32_t> from, to;
        for (std::uint32_t e = 0; e < 3 * n; ++e) {
            auto a = static_cast<std::uint32_t>(rng() % n), b = static_cast<std::uint32_t>(rng() % n);
            if (a == b) continue;
            from.push_back(std::min(a, b));
            to.push_back(std::max(a, b));
        }
        digraph g(n, from, to);
        CHECK(g.edge_count() == from.size());
        auto r = topological_order(g);
        REQUIRE(r.acyclic());
        REQUIRE(r.order.size() == n);
        std::vector<std::size_t> pos(n);
        for (std::size_t i = 0; i < n; ++i) pos[r.order[i]] = i;
        for (std::uint32_t e = 0; e < g.edge_count(); ++e) CHECK(pos[g.source(e)] < pos[g.target(e)]);
        std::size_t in = 0, out = 0;
        for (std::uint32_t v = 0; v < n; ++v) {
            in += g.in_degree(v);
            out += g.out_degree(v);
            for (auto e : g.out_edges(v)) CHECK(g.source(e) == v);
            for (auto e : g.in_edges(v)) CHECK(g.target(e) == v);
        }
        CHECK(in == g.edge_count());
        CHECK(out == g.edge_count());
    }
}

TEST_CASE("digraph.topological_order.reports_each_cycle_in_edge_direction") {
    // 0 → 1 → 2 → 0 and 3 → 4 → 3, with 5 → 0 hanging on the first cycle.
    std::vector<std::uint32_t> from{0, 1, 2, 3, 4, 5}, to{1, 2, 0, 4, 3, 0};
    digraph g(6, from, to);
    auto r = topological_order(g);
    REQUIRE(r.cycles.size() == 2);
    for (const auto& cycle : r.cycles) {
        for (std::size_t i = 0; i < cycle.size(); ++i) {
            auto a = cycle[i], b = cycle[(i + 1) % cycle.size()];
            bool edge = false;
            for (auto e : g.out_edges(a)) edge = edge || g.target(e) == b;
            CHECK_MESSAGE(edge, "no edge ", a, " -> ", b);
        }
    }
    CHECK(r.cycles[0].size() == 3);
    CHECK(r.cycles[1].size() == 2);
}

TEST_CASE("model.mutations.refused_leave_model_unchanged") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto a = m.add_task({.key = "A", .unit = c, .duration = 2});
    auto b = m.add_task({.key = "B", .unit = c, .duration = 1});
    m.add_link({.from = a, .to = b});
    const model before = m;

    CHECK_THROWS_WITH_AS(m.add_unit({.key = "C"}), "duplicate unit id C", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "X", .unit = unit_id{9}}), "task X: unknown unit #9", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "Y"}), "task Y: no unit given", model_error);
    CHECK_THROWS_WITH_AS(m.add_link({.from = b, .to = a}), "dependency cycle: A -> B -> A", cycle_error);
    CHECK_THROWS_AS(m.add_link({.from = a, .to = a}), cycle_error);
    CHECK_THROWS_WITH_AS(m.set_percent(a, 150), "task A: percent 150 is outside 0-100", model_error);
    plangraph::link ok{.from = a, .to = b, .type = link_type::start_to_start};
    plangraph::link bad{.from = b, .to = a};
    std::vector<plangraph::link> batch{ok, bad};
    CHECK_THROWS_AS(m.add_links(batch), cycle_error);  // all or nothing
    CHECK(m == before);

    // A deadline before the start is a deadline that cannot be met, not broken data: accepted.
    m.set_start(b, date(2025, 3, 1));
    m.set_due(b, date(2025, 2, 1));
    CHECK(m[b].due == date(2025, 2, 1));
    CHECK_FALSE(blocks_build(problem_kind::due_before_start));
    CHECK(blocks_build(problem_kind::cycle));
}

// A span from a temporary hierarchy or graph would dangle: those calls must not compile.
template <class G>
concept orders_of_temporary = requires { G{}.post_order(); };
template <class G>
concept orders_of_lvalue = requires(const G& g) { g.post_order(); };
template <class G>
concept edges_of_temporary = requires { G{}.out_edges(0); };
static_assert(orders_of_lvalue<hierarchy<unit_id>>);
static_assert(!orders_of_temporary<hierarchy<unit_id>>);
static_assert(!edges_of_temporary<digraph>);

TEST_CASE("validate.due_before_start.reported_but_builds_and_schedules_with_negative_slack") {
    model_draft d;
    d.units.push_back({.value = {.key = "U"}});
    // Starts Monday 10 March for two days, due the Monday before: the late start is Friday
    // 28 February, six working days before the early start.
    d.tasks.push_back({.value = {.key = "T", .start = date(2025, 3, 10), .due = date(2025, 3, 3), .duration = 2},
                       .unit = "U"});
    auto problems = validate(d);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == problem_kind::due_before_start);
    auto m = build(d);
    auto s = schedule(m);
    CHECK(s[task_id{0}].early_start == date(2025, 3, 10));
    CHECK(s[task_id{0}].late_finish == date(2025, 3, 3));
    CHECK(s[task_id{0}].late_start == date(2025, 2, 28));
    CHECK(s[task_id{0}].total_slack == -6);
    CHECK(s[task_id{0}].critical);
}

TEST_CASE("dependencies.cycles_through_summaries.refused_and_reported") {
    // S is the summary of A and B. A link from A into its own summary S binds A itself (a link
    // into a summary binds its sub-tasks), and S -> C -> A closes a cycle through S's roll-up.
    model m;
    auto u = m.add_unit({.key = "U"});
    auto s = m.add_task({.key = "S", .unit = u});
    auto a = m.add_task({.key = "A", .unit = u, .parent = s, .duration = 2});
    auto b = m.add_task({.key = "B", .unit = u, .parent = s, .duration = 2});
    auto c = m.add_task({.key = "C", .unit = u, .duration = 1});
    m.add_link({.from = a, .to = b});  // siblings: fine
    const model before = m;
    CHECK_THROWS_WITH_AS(m.add_link({.from = a, .to = s}), "dependency cycle: A -> A (through summary tasks: S; a link into a summary binds its sub-tasks, and a summary finishes with them)", cycle_error);
    m.add_link({.from = s, .to = c});
    const model with_s_c = m;
    CHECK_THROWS_WITH_AS(m.add_link({.from = c, .to = a}), "dependency cycle: S -> C -> A -> S (through summary tasks: S; a link into a summary binds its sub-tasks, and a summary finishes with them)", cycle_error);
    CHECK(m == with_s_c);
    CHECK_FALSE(m == before);

    // The same links in a draft: validation names the cycle and says it runs through a summary.
    model_draft d;
    d.units.push_back({.value = {.key = "U"}});
    for (const char* k : {"S", "A", "B", "C"}) d.tasks.push_back({.value = {.key = k, .duration = 1}, .unit = "U"});
    d.tasks[1].parent = d.tasks[2].parent = "S";
    d.links.push_back({.from = "S", .to = "C"});
    d.links.push_back({.from = "C", .to = "A"});
    auto problems = validate(d);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].kind == problem_kind::cycle);
    CHECK(problems[0].message.find("through summary tasks") != std::string::npos);
    CHECK(problems[0].ids.size() == 3);
    d.links.pop_back();  // without the closing link: valid, and it schedules
    CHECK(validate(d).empty());
    CHECK_NOTHROW(schedule(build(d), {.start = date(2025, 9, 1)}));
}
