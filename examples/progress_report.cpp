// Progress month by month: the generated national model (34 provinces, 3,321 communes) rolled up
// at the end of every month of 2025 in one series, against a baseline taken from the plan's
// schedule, with the earned schedule (SPI(t)) of every province and the three most behind.
//
//   progress_report
//
//   2025-01-31: 36/57053 done (0.1%), 57017 in progress within deadline, 0 overdue; on-time rate
//   100.0%; SPI 0.32, SPI(t) 0.39; amber
//   …
//   province SPI(t) on 2025-12-31, lowest first; the three most behind, each with the late tasks
//   that cost it the most earned schedule.
//
// It asserts its figures' consistency and exits non-zero when one fails: every month equals the
// single-date rollup and the single-date earned schedule, done never decreases and the total
// never changes from one month to the next, and the provinces' counts add up to the nation's.
#include <plangraph/baseline.hpp>
#include <plangraph/earned_schedule.hpp>
#include <plangraph/generate.hpp>
#include <plangraph/plangraph.hpp>
#include <plangraph/series.hpp>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

using namespace plangraph;

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    if (ok) return;
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    ++failures;
}

std::string percent(std::optional<double> rate) {
    if (!rate) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
    return text;
}

std::string fixed(std::optional<double> v, int decimals = 2) {
    if (!v) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, *v);
    return text;
}

bool near(std::optional<double> a, std::optional<double> b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a) + std::abs(*b));
}

}  // namespace

int main() try {
    generate_options o;  // the reference case, progress as of 2025-12-31
    const model m = generate_model(o);
    const auto tree = m.unit_hierarchy();
    const unit_id nation = tree.roots()[0];

    // The baseline: the plan's schedule as agreed (early dates, completion data ignored).
    const baseline agreed = baseline_from(schedule(m), "plan of 2025");

    // One series for the twelve month ends; the earned schedule over the same dates.
    const auto months = expand_dates(date(2025, 1, 31), o.as_of, date_step::month);
    const auto report = rollup_report_series(m, months);
    const earned_schedule_engine es(m, agreed);
    const auto es_series = es.series(months);

    std::printf("National report, %zu tasks in %zu units; baseline '%s' of %zu tasks\n\n", m.tasks().size(),
                m.units().size(), agreed.name().c_str(), agreed.size());
    for (std::size_t j = 0; j < months.size(); ++j) {
        const status_counts& c = report.units.at(j)[index(nation)];
        const earned_schedule_row& e = es_series[j][index(nation)];
        std::printf("%s: %llu/%llu done (%s), %llu in progress within deadline, %llu overdue; on-time rate %s; "
                    "SPI %s, SPI(t) %s; %s\n",
                    format_date(months[j]).c_str(), static_cast<unsigned long long>(c.done()),
                    static_cast<unsigned long long>(c.total()), percent(c.completion_rate()).c_str(),
                    static_cast<unsigned long long>(c.in_progress()), static_cast<unsigned long long>(c.overdue()),
                    percent(c.on_time_rate()).c_str(), fixed(e.spi).c_str(), fixed(e.spi_t).c_str(),
                    std::string(to_string(report.lights[j][index(nation)])).c_str());

        // The series equals the single-date rollup and earned schedule, month by month.
        const auto single = rollup_units(m, months[j]);
        const auto single_es = es(months[j]);
        for (std::size_t u = 0; u < single.size(); ++u) {
            const auto& s = report.units.at(j)[u];
            expect(s.by_status == single[u].by_status, "series counts of unit " + m.units()[u].key + " on " + format_date(months[j]));
            expect(near(es_series[j][u].spi_t, single_es[u].spi_t) && near(es_series[j][u].planned_value, single_es[u].planned_value),
                   "series earned schedule of unit " + m.units()[u].key + " on " + format_date(months[j]));
            if (j == 0) continue;
            const auto& before = report.units.at(j - 1)[u];
            expect(before.done() <= s.done(), "done decreased in unit " + m.units()[u].key + " on " + format_date(months[j]));
            expect(before.total() == s.total(), "total changed in unit " + m.units()[u].key + " on " + format_date(months[j]));
            expect(*es_series[j - 1][u].earned_value <= *es_series[j][u].earned_value || !es_series[j][u].earned_value,
                   "earned value decreased in unit " + m.units()[u].key);
        }
        // The provinces and the centre's own tasks add up to the nation.
        status_counts sum;
        for (unit_id p : tree.children(nation)) sum += report.units.at(j)[index(p)];
        std::uint64_t own = 0;
        for (const auto& t : m.tasks())
            if (t.unit == nation && !t.cancelled) ++own;
        expect(sum.total() + own == c.total(), "provinces do not add up to the nation on " + format_date(months[j]));
    }

    // SPI(t) per province at the last month end, lowest first.
    const std::size_t last = months.size() - 1;
    const auto& rows = es_series[last];
    auto ranked = rank_units(m, 1, [&](unit_id u) { return rows[index(u)].spi_t; }, /*lower_is_better=*/true);
    std::printf("\nSPI(t) per province on %s, lowest first:\n", format_date(months[last]).c_str());
    for (const auto& r : ranked) {
        const status_counts& c = report.units.at(last)[index(r.unit)];
        std::printf("  %2u. %-6s %-20s SPI(t) %s  ES %6s of AT %4d  %llu/%llu done\n", r.rank, m[r.unit].key.c_str(),
                    m[r.unit].name.c_str(), fixed(rows[index(r.unit)].spi_t, 3).c_str(),
                    fixed(rows[index(r.unit)].earned_schedule, 1).c_str(), rows[index(r.unit)].actual_time.value_or(0),
                    static_cast<unsigned long long>(c.done()), static_cast<unsigned long long>(c.total()));
    }
    expect(ranked.size() == o.provinces, "one SPI(t) row per province");
    for (std::size_t i = 1; i < ranked.size(); ++i)
        expect(!ranked[i].score || !ranked[i - 1].score || *ranked[i - 1].score <= *ranked[i].score,
               "provinces ranked by SPI(t)");

    // The three provinces most behind, and what costs each the most.
    behind_rules rules;
    rules.max_tasks = 3;
    const auto behind = behind_schedule(m, es, months[last], rows, rules);
    std::printf("\nThe three provinces most behind (SPI(t) < %.2f: %zu units behind in all):\n", rules.spi_t_below,
                behind.size());
    int shown = 0;
    for (const auto& b : behind) {
        if (m[b.unit].level != 1) continue;
        std::printf("  %s (%s): SPI(t) %s\n", m[b.unit].key.c_str(), m[b.unit].name.c_str(), fixed(b.figures.spi_t, 3).c_str());
        for (const auto& line : b.lines) std::printf("    %s\n", line.c_str());
        expect(b.unit == ranked[static_cast<std::size_t>(shown)].unit, "the most behind province is ranked lowest");
        for (std::size_t i = 1; i < b.tasks.size(); ++i)
            expect(b.tasks[i - 1].cost >= b.tasks[i].cost, "late tasks listed costliest first");
        if (++shown == 3) break;
    }

    if (failures) {
        std::fprintf(stderr, "%d consistency checks failed\n", failures);
        return 1;
    }
    std::printf("\nall figures consistent\n");
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "progress_report: %s\n", e.what());
    return 1;
}
