// Indicators aggregated by kind up their hierarchy, achievement against target, "n of m met" per
// unit, bad inputs, and incremental indicator updates against a full recompute.
#include <plangraph/plangraph.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

// A parent indicator of kind `agg` over children with the given actuals (and weights).
struct family {
    model m;
    indicator_id parent{};
    std::vector<indicator_id> kids;
};

family make_family(aggregation agg, std::vector<double> actuals, std::vector<double> weights = {}) {
    family f;
    auto u = f.m.add_unit({.key = "U", .name = "Unit"});
    f.parent = f.m.add_indicator({.key = "TOP", .name = "Top", .unit = u, .agg = agg});
    for (std::size_t i = 0; i < actuals.size(); ++i)
        f.kids.push_back(f.m.add_indicator({.key = "K" + std::to_string(i), .name = "Kid", .unit = u, .parent = f.parent,
                                            .actual = actuals[i], .weight = weights.empty() ? 1.0 : weights[i]}));
    return f;
}

std::optional<double> top_value(const family& f) { return aggregate_indicators(f.m)[index(f.parent)].value; }

}  // namespace

TEST_CASE("indicators.aggregate.each_kind") {
    CHECK(*top_value(make_family(aggregation::sum, {1, 2, 7})) == doctest::Approx(10));
    CHECK(*top_value(make_family(aggregation::mean, {1, 2, 9})) == doctest::Approx(4));
    CHECK(*top_value(make_family(aggregation::weighted_mean, {10, 20}, {3, 1})) == doctest::Approx(12.5));
    CHECK(*top_value(make_family(aggregation::min, {4, -2, 9})) == doctest::Approx(-2));
    CHECK(*top_value(make_family(aggregation::max, {4, -2, 9})) == doctest::Approx(9));
    SUBCASE("no child with a value: the parent's own actual stands, or nothing") {
        CHECK_FALSE(top_value(make_family(aggregation::mean, {})).has_value());
        auto f = make_family(aggregation::weighted_mean, {5, 6}, {0, 0});
        CHECK_FALSE(top_value(f).has_value());  // Σ weight = 0: absent, not NaN
        f.m.set_actual(f.parent, 3.0);
        CHECK(*top_value(f) == doctest::Approx(3.0));
    }
}

TEST_CASE("indicators.aggregate.ratio_is_ratio_of_sums") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "Unit"});
    auto top = m.add_indicator({.key = "R", .name = "Share", .unit = u, .agg = aggregation::ratio});
    auto mid = m.add_indicator({.key = "R1", .name = "Share 1", .unit = u, .parent = top, .agg = aggregation::ratio});
    m.add_indicator({.key = "R1a", .name = "a", .unit = u, .parent = mid, .agg = aggregation::ratio,
                     .numerator = 1, .denominator = 2});
    m.add_indicator({.key = "R1b", .name = "b", .unit = u, .parent = mid, .agg = aggregation::ratio,
                     .numerator = 1, .denominator = 8});
    auto r2 = m.add_indicator({.key = "R2", .name = "Share 2", .unit = u, .parent = top, .agg = aggregation::ratio,
                               .numerator = 90, .denominator = 100});
    auto v = aggregate_indicators(m);
    CHECK(*v[index(mid)].value == doctest::Approx(2.0 / 10.0));  // not (0.5 + 0.125) / 2
    CHECK(*v[index(top)].value == doctest::Approx(92.0 / 110.0));
    CHECK(*v[index(top)].numerator == doctest::Approx(92));
    CHECK(*v[index(r2)].value == doctest::Approx(0.9));
    m.set_ratio(r2, 0, 0);
    m.set_ratio(make_id<indicator_id>(2), 0, 0);
    m.set_ratio(make_id<indicator_id>(3), 0, 0);
    CHECK_FALSE(aggregate_indicators(m)[index(top)].value.has_value());  // Σ denominator = 0
}

TEST_CASE("indicators.aggregate.last_by_period_and_count_met") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "Unit"});
    auto last = m.add_indicator({.key = "L", .name = "Latest", .unit = u, .agg = aggregation::last});
    m.add_indicator({.key = "Q3", .name = "q3", .unit = u, .parent = last, .actual = 30, .period = parse_period("2025-Q3")});
    m.add_indicator({.key = "Q4", .name = "q4", .unit = u, .parent = last, .actual = 40, .period = parse_period("2025-Q4")});
    m.add_indicator({.key = "M7", .name = "m7", .unit = u, .parent = last, .actual = 70, .period = parse_period("2025-07")});
    m.add_indicator({.key = "NP", .name = "no period", .unit = u, .parent = last, .actual = 99});
    auto met = m.add_indicator({.key = "C", .name = "Met", .unit = u, .agg = aggregation::count_met, .target = 2});
    m.add_indicator({.key = "C1", .name = "c1", .unit = u, .parent = met, .target = 5, .actual = 6});
    m.add_indicator({.key = "C2", .name = "c2", .unit = u, .parent = met, .dir = direction::lower_is_better,
                     .target = 5, .actual = 6});
    m.add_indicator({.key = "C3", .name = "c3", .unit = u, .parent = met, .dir = direction::lower_is_better,
                     .target = 5, .actual = 4});
    m.add_indicator({.key = "C4", .name = "c4", .unit = u, .parent = met, .actual = 4});  // no target
    auto v = aggregate_indicators(m);
    CHECK(*v[index(last)].value == doctest::Approx(40));
    CHECK(*v[index(met)].value == doctest::Approx(2));
    CHECK(*v[index(met)].met);
}

TEST_CASE("indicators.achievement.direction") {
    CHECK(*meets_target(60, 60, direction::higher_is_better));
    CHECK_FALSE(*meets_target(59, 60, direction::higher_is_better));
    CHECK(*meets_target(3, 5, direction::lower_is_better));
    CHECK_FALSE(*meets_target(6, 5, direction::lower_is_better));
    CHECK_FALSE(meets_target(std::nullopt, 5, direction::lower_is_better).has_value());
    CHECK(*percent_of_target(45, 60, direction::higher_is_better) == doctest::Approx(75));
    CHECK(*percent_of_target(8, 4, direction::lower_is_better) == doctest::Approx(50));  // inverted
    CHECK_FALSE(percent_of_target(5, 0, direction::higher_is_better).has_value());
    CHECK_FALSE(percent_of_target(0, 5, direction::lower_is_better).has_value());
}

TEST_CASE("indicators.counts.n_of_m_met_per_unit") {
    model m;
    auto c = m.add_unit({.key = "C", .name = "Centre"});
    auto p = m.add_unit({.key = "NA", .name = "Nghe An", .parent = c});
    for (int i = 0; i < 65; ++i)
        m.add_indicator({.key = "I" + std::to_string(i), .name = "kpi", .unit = p, .target = 10,
                         .actual = i < 39 ? 10.0 : 9.0});
    m.add_indicator({.key = "NT", .name = "no target", .unit = p, .actual = 1});
    m.add_indicator({.key = "CI", .name = "centre kpi", .unit = c, .target = 1, .actual = 1});
    auto counts = count_indicators(m, aggregate_indicators(m));
    CHECK(counts[index(p)].own == indicator_counts{65, 39});
    CHECK(counts[index(p)].subtree == indicator_counts{65, 39});
    CHECK(counts[index(c)].own == indicator_counts{1, 1});
    CHECK(counts[index(c)].subtree == indicator_counts{66, 40});
    CHECK(*counts[index(p)].own.met_rate() == doctest::Approx(39.0 / 65.0));
    CHECK_FALSE(indicator_counts{}.met_rate().has_value());
}

TEST_CASE("indicators.bad_inputs_are_rejected_with_their_id") {
    model m;
    auto u = m.add_unit({.key = "U", .name = "Unit"});
    std::vector<indicator> rows{{.key = "GOOD", .unit = u, .actual = 1}, {.key = "KPI-7", .unit = u}};
    hierarchy<indicator_id> flat_tree(std::vector<indicator_id>(2, no_id<indicator_id>));
    SUBCASE("unknown aggregation kind") {
        rows[1].agg = static_cast<aggregation>(42);
        CHECK_THROWS_WITH_AS(aggregate_indicators(rows, flat_tree), "indicator KPI-7: unknown aggregation kind",
                             model_error);
    }
    SUBCASE("not finite") {
        rows[1].actual = std::numeric_limits<double>::infinity();
        CHECK_THROWS_WITH_AS(aggregate_indicators(rows, flat_tree),
                             "indicator KPI-7: actual is not a finite number (inf)", model_error);
        rows[1].actual.reset();
        rows[1].denominator = std::nan("");
        CHECK_THROWS_WITH_AS(check_indicator(rows[1]), "indicator KPI-7: denominator is not a finite number (NaN)",
                             model_error);
    }
    SUBCASE("through the incremental engine: refused, nothing moves") {
        auto k = m.add_indicator({.key = "KPI-8", .name = "k", .unit = u, .target = 2, .actual = 3});
        incremental_rollup<> inc(m, *parse_date("2025-01-01"));
        auto before = std::vector<indicator_value>(inc.indicators().begin(), inc.indicators().end());
        CHECK_THROWS_WITH_AS(inc.set_actual(k, std::nan("")), "indicator KPI-8: actual is not a finite number (NaN)",
                             model_error);
        CHECK(m[k].actual == 3.0);
        CHECK(std::vector<indicator_value>(inc.indicators().begin(), inc.indicators().end()) == before);
        CHECK(inc.indicator_counts()[index(u)].own == indicator_counts{1, 1});
    }
}

TEST_CASE("indicators.incremental.random_updates_equal_full_recompute") {
    std::mt19937 rng(21);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto pick_index = [&](int hi) { return static_cast<std::size_t>(pick(0, hi)); };
    for (int round = 0; round < 6; ++round) {
        model m;
        const int units = 12, count = 150;
        for (int u = 0; u < units; ++u)
            m.add_unit({.key = "U" + std::to_string(u), .name = "u",
                        .parent = u ? make_id<unit_id>(pick_index(u - 1)) : no_id<unit_id>});
        for (int i = 0; i < count; ++i) {
            indicator k{.key = "I" + std::to_string(i), .name = "i", .unit = make_id<unit_id>(pick_index(units - 1))};
            if (i && pick(0, 4)) k.parent = make_id<indicator_id>(pick_index(i - 1));
            k.agg = static_cast<aggregation>(pick(0, 7));
            k.dir = pick(0, 1) ? direction::higher_is_better : direction::lower_is_better;
            if (pick(0, 3)) k.target = pick(0, 20);
            if (pick(0, 3)) k.actual = pick(-5, 20);
            if (pick(0, 1)) k.numerator = pick(0, 10), k.denominator = pick(0, 10);
            k.weight = pick(0, 4);
            if (pick(0, 2)) k.period = parse_period("2025-" + std::to_string(pick(10, 12)));
            m.add_indicator(std::move(k));
        }
        incremental_rollup<> inc(m, *parse_date("2025-06-30"));
        for (int batch = 0; batch < 20; ++batch) {
            for (int n = 0; n < 25; ++n) {
                auto i = make_id<indicator_id>(pick_index(count - 1));
                switch (pick(0, 3)) {
                    case 0: inc.set_actual(i, pick(0, 4) ? std::optional<double>(pick(-5, 20)) : std::nullopt); break;
                    case 1: inc.set_target(i, pick(0, 4) ? std::optional<double>(pick(0, 20)) : std::nullopt); break;
                    case 2: inc.set_ratio(i, pick(0, 10), pick(0, 10)); break;
                    case 3: CHECK_THROWS_AS(inc.set_actual(i, std::nan("")), model_error); break;
                }
            }
            auto values = aggregate_indicators(m);
            INFO("round " << round << " batch " << batch);
            REQUIRE(std::vector<indicator_value>(inc.indicators().begin(), inc.indicators().end()) == values);
            auto counts = count_indicators(m, values);
            REQUIRE(std::vector<unit_indicator_counts>(inc.indicator_counts().begin(), inc.indicator_counts().end()) ==
                    counts);
        }
    }
}
