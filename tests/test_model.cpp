#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

using namespace plangraph;

TEST_CASE("model.add_unit.resolves_levels_by_depth") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto p = m.add_unit({.key = "P", .name = "Province", .parent = c});
    auto k = m.add_unit({.key = "K", .name = "Commune", .parent = p});
    CHECK(m[k].level == 2);
    CHECK(m.level_name(p) == "province");
    CHECK(m.find_unit("K") == k);
    CHECK_FALSE(m.find_unit("X"));
}

TEST_CASE("model.bounds.refused_mutations_leave_the_model_as_it_was") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto a = m.add_task({.key = "A", .unit = c, .duration = 5});
    auto b = m.add_task({.key = "B", .unit = c, .duration = 5});
    auto k = m.add_indicator({.key = "K", .unit = c});
    m.add_link({.from = a, .to = b, .lag = -limits::max_lag});
    const model before = m;

    CHECK_THROWS_WITH_AS(m.set_duration(a, 200000), "task A: duration 200000 is outside 0..100000", model_error);
    CHECK_THROWS_WITH_AS(m.set_due(a, date(9999, 12, 31)), "task A: due 9999-12-31 is outside 1900-01-01..2199-12-31",
                         model_error);
    CHECK_THROWS_WITH_AS(m.set_start(a, date(1899, 12, 31)),
                         "task A: start 1899-12-31 is outside 1900-01-01..2199-12-31", model_error);
    CHECK_THROWS_WITH_AS(m.set_completed(a, date(2200, 1, 1)),
                         "task A: completed 2200-01-01 is outside 1900-01-01..2199-12-31", model_error);
    CHECK_THROWS_WITH_AS(m.set_constraint(a, {constraint_kind::must_start_on, date(1400, 1, 1)}),
                         "task A: constraint_date 1400-01-01 is outside 1900-01-01..2199-12-31", model_error);
    CHECK_THROWS_WITH_AS(m.set_weight(a, 1e308), "task A: weight 1e+308 is outside 0..1000000000", model_error);
    CHECK_THROWS_WITH_AS(m.set_percent(a, 1e308), "task A: percent 1e+308 is outside 0-100", model_error);
    CHECK_THROWS_WITH_AS(m.set_actual(k, -2e15), "indicator K: actual -2e+15 is outside -1e+15..1e+15", model_error);
    CHECK_THROWS_WITH_AS(m.set_ratio(k, 1, 1e300), "indicator K: denominator 1e+300 is outside -1e+15..1e+15",
                         model_error);
    CHECK_THROWS_WITH_AS(m.add_link({.from = b, .to = a, .type = link_type::start_to_start, .lag = 2147483647}),
                         "link B -> A: lag 2147483647 is outside -100000..100000", model_error);
    // All or none: a good link beside a bad one is not added either.
    const plangraph::link two[] = {{.from = a, .to = b}, {.from = a, .to = b, .lag = limits::max_lag + 1}};
    CHECK_THROWS_WITH_AS(m.add_links(std::span<const plangraph::link>(two)), "link A -> B: lag 100001 is outside -100000..100000", model_error);
    CHECK_THROWS_WITH_AS(m.add_unit({.key = "H", .parent = c, .weight = 1e10}),
                         "unit H: weight 10000000000 is outside 0..1000000000", model_error);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "D", .unit = c, .duration = limits::max_duration + 1}),
                         "task D: duration 100001 is outside 0..100000", model_error);
    CHECK(m == before);

    // The limits themselves are accepted.
    m.set_duration(a, limits::max_duration);
    m.set_start(a, limits::min_date());
    m.set_due(a, limits::max_date());
    m.set_weight(a, limits::max_weight);
    m.set_target(k, -limits::max_value);
    CHECK(m[a].duration == limits::max_duration);
}

TEST_CASE("dates.made_and_written_past_the_calendar_throw_plangraph_errors") {
    CHECK_THROWS_WITH_AS(make_date(2025, 2, 30),
                         "no such date: year 2025, month 2, day 30 (dates run from 1400-01-01 to 9999-12-31)", error);
    CHECK_THROWS_AS(make_date(10000, 1, 1), error);
    CHECK(make_date(9999, 12, 31) == last_countable_day());
    CHECK_THROWS_WITH_AS(format_date(last_countable_day() + boost::gregorian::days(1)),
                         "a date past 9999-12-31 or before 1400-01-01 cannot be written", error);
    // Periods whose end the calendar cannot count are not periods (Boost's years() would throw).
    CHECK_FALSE(parse_period("9999"));
    CHECK_FALSE(parse_period("9999-Q4"));
    CHECK_FALSE(parse_period("9999-12"));
    CHECK_FALSE(parse_period("9999-12-31"));
    REQUIRE(parse_period("9999-Q3"));
    CHECK(parse_period("9999-Q3")->last() == date(9999, 9, 30));
    CHECK(parse_period("2024-02")->last() == date(2024, 2, 29));
    CHECK(parse_period("2025")->end() == date(2026, 1, 1));
}
