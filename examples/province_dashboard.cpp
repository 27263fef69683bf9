// A province dashboard: one self-contained HTML page (inline CSS and SVG, one small inline script
// that checks the chart, nothing fetched) that a person opens in a browser.
//
//   province_dashboard OUT.html [PROVINCE_KEY] [VN_ADMIN_DIR]
//
//   PROVINCE_KEY  default: Nghệ An ("40" in the real units), else the first province
//   VN_ADMIN_DIR  the real units (../shared/data/vn-admin-2025); without it, generated ones
//
//   ┌ Tỉnh Nghệ An · as of 2025-11-15 (real units) ──────────────────────────────────┐
//   │ ● red   1,152 / 2,158 tasks done (53.4%) · 87.9% on time · 129 overdue          │
//   │ communes by light  [████████ 46 amber ████████████████ 84 red]                  │
//   │ Burn-up (SVG): scope, planned value, done, done on time, week by week           │
//   │ Behind schedule: units with SPI(t) < 0.9, the late tasks that cost the most     │
//   │ Critical path of the province plan (Gantt, SVG), 11 tasks to 2028-07-03         │
//   │   T26163 Task 3  ┆      ├──────┤▏                                                │
//   │   T26167 Task 7  ┆as of         ├─────┤                                         │
//   │ Communes, one row each: ● name  done/total  ███████░░░ %  on time  overdue     │
//   └─────────────────────────────────────────────────────────────────────────────────┘
//
// The burn-up's dates run weekly from the plan's start (the earliest agreed start in the
// province) to the as-of date, which closes the series when no week lands on it. Its figures come
// from one rollup series and one earned-schedule series over those dates, against a baseline
// taken from the national plan's schedule. Planned value is in weight (Σ w·p); the chart shows it
// in tasks, PV / (Σ w) × scope, so that it reads on the same axis as the counts.
//
// The page is well-formed XML (XHTML), so `xmllint --noout` checks it; CTest does that and
// counts one <tr class="commune"> per commune of the province. The program prints
// "<N> communes" for that check, "(<B> shown)" for the rows of the behind-schedule table
// (<tr class="behind">), and "<K> dates" for the browser test (check_dashboard_browser.cmake), which
// renders the page in headless Chromium: the chart <svg id="burnup" data-dates="K"> holds one
// <circle class="point SERIES" data-date="…"> per date and series, and the inline script logs a
// console error when it finds otherwise or a coordinate that is not a finite number.
#include <plangraph/baseline.hpp>
#include <plangraph/earned_schedule.hpp>
#include <plangraph/generate.hpp>
#include <plangraph/io/vn_admin.hpp>
#include <plangraph/io/xml.hpp>
#include <plangraph/plangraph.hpp>
#include <plangraph/series.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace plangraph;

namespace {

std::string fixed(double v, int decimals = 1) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

std::string percent(std::optional<double> rate) { return rate ? fixed(*rate * 100.0) + "%" : "–"; }

std::string with_commas(std::uint64_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), 1, ',');  // not insert(pos, ","): a false -Wrestrict in GCC 12 -O3
    return s;
}

// The province's own plan as a model of its own: its tasks and the links among them. Scheduling
// it alone gives the critical path of that plan, not of the whole country.
model province_plan(const model& m, unit_id province) {
    model out;
    auto u = out.add_unit({.key = m[province].key, .name = m[province].name});
    std::vector<task_id> local(m.tasks().size(), no_id<task_id>);
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        task t = m.tasks()[i].to_task();
        if (t.unit != province) continue;
        t.unit = u;
        t.plan = no_id<plan_id>;
        t.parent = no_id<task_id>;  // the central tasks it decomposes are not in this model
        local[i] = out.add_task(std::move(t));
    }
    std::vector<plangraph::link> links;
    for (auto l : m.links())
        if (!is_none(local[index(l.from)]) && !is_none(local[index(l.to)]))
            links.push_back({local[index(l.from)], local[index(l.to)], l.type, l.lag});
    out.add_links(links);
    return out;
}

// The Gantt of one path as an SVG: months on top, one bar per task coloured by its status as of
// the date, its due date as a tick, a dashed line on the as-of date.
std::string gantt_svg(const model& plan, const schedule_result& r, const std::vector<task_id>& path, date as_of) {
    using boost::gregorian::days;
    const int label_width = 250, width = 1100, row = 28, top = 34;
    date first = as_of, last = as_of;
    for (auto t : path) {
        first = std::min({first, r[t].early_start, plan[t].due.value_or(first)});
        last = std::max({last, r[t].early_finish, plan[t].due.value_or(last)});
    }
    first = date(first.year(), first.month(), 1);
    last = last.end_of_month() + days(1);
    const double scale = static_cast<double>(width - label_width - 20) / static_cast<double>((last - first).days());
    auto x = [&](date d) { return fixed(label_width + scale * static_cast<double>((d - first).days())); };
    const int height = top + row * static_cast<int>(path.size()) + 30;

    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << ' ' << height << "\" role=\"img\" aria-label=\"Critical path\">\n";
    // The grid: every month for a year or so, every quarter up to three years, else every year.
    const auto months = (last.year() - first.year()) * 12 + last.month() - first.month();
    const int step = months <= 14 ? 1 : months <= 36 ? 3 : 12;
    for (date d = first; d < last; d = d.end_of_month() + days(1)) {
        if ((d.month() - 1) % step != 0) continue;
        svg << "<line x1=\"" << x(d) << "\" y1=\"20\" x2=\"" << x(d) << "\" y2=\"" << height - 24 << "\" class=\"grid\"/>\n";
        if (std::stod(x(d)) + 50 < width)  // no label cut off at the right edge
            svg << "<text x=\"" << fixed(std::stod(x(d)) + 4) << "\" y=\"15\" class=\"month\">"
                << format_date(d).substr(0, step == 12 ? 4 : 7) << "</text>\n";
    }
    for (std::size_t i = 0; i < path.size(); ++i) {
        const auto& t = plan[path[i]];
        const auto& s = r[path[i]];
        const int y = top + row * static_cast<int>(i);
        const auto status = status_as_of(t, as_of);
        const char* cls = is_done(status) ? "done" : status == task_status::overdue ? "overdue" : "open";
        svg << "<text x=\"4\" y=\"" << y + 17 << "\" class=\"label\">" << io::xml_escape(t.key) << "  " << io::xml_escape(t.name)
            << "</text>\n<rect x=\"" << x(s.early_start) << "\" y=\"" << y + 5 << "\" width=\""
            << fixed(std::max(2.0, scale * static_cast<double>((s.early_finish - s.early_start).days() + 1)))
            << "\" height=\"" << row - 10 << "\" rx=\"3\" class=\"" << cls << "\"><title>" << io::xml_escape(t.key) << ": "
            << format_date(s.early_start) << " .. " << format_date(s.early_finish) << ", " << t.duration
            << " working days" << (t.due ? ", due " + format_date(*t.due) : "") << "</title></rect>\n";
        if (t.due)
            svg << "<line x1=\"" << x(*t.due + days(1)) << "\" y1=\"" << y + 2 << "\" x2=\"" << x(*t.due + days(1))
                << "\" y2=\"" << y + row - 2 << "\" class=\"due\"/>\n";
        if (i + 1 < path.size())  // the link to the next task on the path
            svg << "<path d=\"M" << x(s.early_finish + days(1)) << ' ' << y + row / 2 << " h6 V" << y + row + 5
                << "\" class=\"link\"/>\n";
    }
    svg << "<line x1=\"" << x(as_of) << "\" y1=\"20\" x2=\"" << x(as_of) << "\" y2=\"" << height - 24
        << "\" class=\"asof\"/>\n<text x=\"" << x(as_of) << "\" y=\"" << height - 10
        << "\" class=\"asof-label\" text-anchor=\"middle\">as of " << format_date(as_of) << "</text>\n</svg>";
    return svg.str();
}

bool in_subtree(const hierarchy<unit_id>& units, unit_id u, unit_id root) {
    for (; !is_none(u); u = units.parent(u))
        if (u == root) return true;
    return false;
}

// The burn-up's dates: weekly from `from` to `as_of`, with `as_of` last.
std::vector<date> burn_up_dates(date from, date as_of) {
    auto dates = expand_dates(std::min(from, as_of), as_of, date_step::week);
    if (dates.back() != as_of) dates.push_back(as_of);
    return dates;
}

// One line of the burn-up: its class (CSS and test), its legend, its value at each date.
struct burn_up_line {
    const char* cls;
    const char* legend;
    std::vector<double> values;
};

// A round step for about `ticks` gridlines up to `top`: 1, 2 or 5 times a power of ten.
double nice_step(double top, int ticks) {
    const double raw = std::max(top, 1.0) / ticks, power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * power) return m * power;
    return 10.0 * power;
}

// The burn-up as an SVG: one polyline and one marked point per date for each line, tasks on the
// y axis, months on the x axis, the as-of date last.
std::string burn_up_svg(const std::vector<date>& dates, const std::vector<burn_up_line>& lines) {
    const int width = 1100, height = 380, left = 70, right = 20, top = 20, bottom = 50;
    double top_value = 1.0;
    for (const auto& l : lines)
        for (double v : l.values) top_value = std::max(top_value, v);
    const double step = nice_step(top_value, 6), y_max = std::ceil(top_value / step) * step;
    const double span = std::max(1.0, static_cast<double>((dates.back() - dates.front()).days()));
    auto x = [&](date d) { return left + (width - left - right) * static_cast<double>((d - dates.front()).days()) / span; };
    auto y = [&](double v) { return top + (height - top - bottom) * (1.0 - v / y_max); };

    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"burnup\" class=\"burnup\" width=\"" << width << "\" height=\""
        << height << "\" viewBox=\"0 0 " << width << ' ' << height << "\" data-dates=\"" << dates.size()
        << "\" role=\"img\" aria-label=\"Burn-up: tasks done against plan and scope\">\n";
    for (double v = 0; v <= y_max + step / 2; v += step)
        svg << "<line x1=\"" << left << "\" y1=\"" << fixed(y(v)) << "\" x2=\"" << width - right << "\" y2=\"" << fixed(y(v))
            << "\" class=\"grid\"/>\n<text x=\"" << left - 8 << "\" y=\"" << fixed(y(v) + 4)
            << "\" class=\"tick\" text-anchor=\"end\">" << with_commas(static_cast<std::uint64_t>(v)) << "</text>\n";
    using boost::gregorian::days;
    for (date d = dates.front().end_of_month() + days(1); d <= dates.back(); d = d.end_of_month() + days(1))
        svg << "<line x1=\"" << fixed(x(d)) << "\" y1=\"" << height - bottom << "\" x2=\"" << fixed(x(d)) << "\" y2=\""
            << height - bottom + 5 << "\" class=\"axis\"/>\n<text x=\"" << fixed(x(d)) << "\" y=\"" << height - bottom + 18
            << "\" class=\"tick\" text-anchor=\"middle\">" << format_date(d).substr(0, 7) << "</text>\n";
    svg << "<line x1=\"" << left << "\" y1=\"" << height - bottom << "\" x2=\"" << width - right << "\" y2=\""
        << height - bottom << "\" class=\"axis\"/>\n<text x=\"16\" y=\"" << (top + height - bottom) / 2
        << "\" class=\"axis-label\" text-anchor=\"middle\" transform=\"rotate(-90 16 " << (top + height - bottom) / 2
        << ")\">tasks</text>\n<text x=\"" << (left + width - right) / 2 << "\" y=\"" << height - 8
        << "\" class=\"axis-label\" text-anchor=\"middle\">as of, week by week; the last point is "
        << format_date(dates.back()) << "</text>\n";
    for (const auto& l : lines) {
        svg << "<polyline class=\"line " << l.cls << "\" points=\"";
        for (std::size_t j = 0; j < dates.size(); ++j) svg << (j ? " " : "") << fixed(x(dates[j])) << ',' << fixed(y(l.values[j]));
        svg << "\"/>\n";
        for (std::size_t j = 0; j < dates.size(); ++j)
            svg << "<circle class=\"point " << l.cls << "\" data-date=\"" << format_date(dates[j]) << "\" cx=\""
                << fixed(x(dates[j])) << "\" cy=\"" << fixed(y(l.values[j])) << "\" r=\"3\"><title>" << l.legend << ", "
                << format_date(dates[j]) << ": "
                << (l.values[j] == std::floor(l.values[j]) ? with_commas(static_cast<std::uint64_t>(l.values[j])) : fixed(l.values[j]))
                << "</title></circle>\n";
    }
    svg << "</svg>";
    return svg.str();
}

// Checks the chart in the browser: as many points and vertices per line as dates, every
// coordinate a finite number; marks the chart data-checked="ok" (or "failed"). A failure is a
// console error, which the browser test turns into a failed test. No '<' or '&' in it, so the
// page stays well-formed XML without CDATA.
const char* chart_check = R"(
(function () {
  var chart = document.getElementById('burnup');
  if (!chart) { console.error('burn-up: no chart'); return; }
  var dates = Number(chart.getAttribute('data-dates')), bad = 0;
  chart.querySelectorAll('polyline.line').forEach(function (polyline) {
    var line = polyline.classList[1], points = chart.querySelectorAll('circle.point.' + line);
    if (points.length !== dates) { bad++; console.error('burn-up: ' + points.length + ' ' + line + ' points for ' + dates + ' dates'); }
    if (polyline.points.numberOfItems !== dates) { bad++; console.error('burn-up: the ' + line + ' line has ' + polyline.points.numberOfItems + ' vertices for ' + dates + ' dates'); }
    points.forEach(function (p) {
      ['cx', 'cy'].forEach(function (a) {
        if (!isFinite(parseFloat(p.getAttribute(a)))) { bad++; console.error('burn-up: ' + line + ' ' + p.getAttribute('data-date') + ' ' + a + ' is not a number'); }
      });
    });
  });
  chart.setAttribute('data-checked', bad ? 'failed' : 'ok');
})();
)";

// A province's progress over time: the burn-up's dates and lines, its earned schedule as of the
// last date, and the units behind then (the province first, then its units, lowest SPI(t) first).
// The baseline is the national plan's schedule (its early dates, as agreed before any work); the
// dates run from the province's earliest agreed start; one rollup series and one earned-schedule
// series over them.
struct province_progress {
    std::vector<date> dates;
    std::vector<burn_up_line> lines;  // scope, planned, done, ontime
    earned_schedule_row now;
    std::vector<behind_unit> behind;
};

province_progress progress_over_time(const model& m, const hierarchy<unit_id>& units, unit_id p, date as_of,
                                     const behind_rules& rules) {
    const baseline agreed = baseline_from(schedule(m), "plan");
    std::optional<date> plan_start;
    for (std::size_t i = 0; i < m.tasks().size(); ++i)
        if (auto e = agreed[make_id<task_id>(i)]; e && in_subtree(units, m.tasks()[i].unit, p))
            plan_start = std::min(plan_start.value_or(e->start), e->start);
    province_progress out{.dates = burn_up_dates(plan_start.value_or(as_of), as_of),
                          .lines = {{"scope", "scope (tasks)", {}},
                                    {"planned", "planned value (baseline, in tasks)", {}},
                                    {"done", "done", {}},
                                    {"ontime", "done on time", {}}},
                          .now = {},
                          .behind = {}};
    const auto series = rollup_series(m, out.dates);
    const earned_schedule_engine es(m, agreed);
    const auto es_series = es.series(out.dates);
    const double budget = es.planned_value(p, limits::max_date());  // Σ w of the province's agreed tasks
    for (std::size_t j = 0; j < out.dates.size(); ++j) {
        const auto& r = series.at(j)[index(p)];
        const double scope = static_cast<double>(r.total());
        out.lines[0].values.push_back(scope);
        out.lines[1].values.push_back(budget > 0 ? es_series[j][index(p)].planned_value.value_or(0) / budget * scope : 0.0);
        out.lines[2].values.push_back(static_cast<double>(r.done()));
        out.lines[3].values.push_back(static_cast<double>(r.done_on_time()));
    }
    out.now = es_series.back()[index(p)];
    for (auto& b : behind_schedule(m, es, as_of, es_series.back(), rules))
        if (in_subtree(units, b.unit, p)) out.behind.push_back(std::move(b));
    std::stable_partition(out.behind.begin(), out.behind.end(), [&](const behind_unit& b) { return b.unit == p; });
    return out;
}

std::string burn_up_section(const province_progress& pr) {
    const auto& now = pr.now;
    std::ostringstream html;
    html << "<h2>Burn-up</h2>\n<p class=\"sub\">Week by week from " << format_date(pr.dates.front()) << " to "
         << format_date(pr.dates.back()) << ", " << pr.dates.size() << " dates · baseline: the plan's early dates · SPI(t) "
         << (now.spi_t ? fixed(*now.spi_t, 2) : "–") << ", earned schedule "
         << (now.earned_schedule ? fixed(*now.earned_schedule) : "–") << " of "
         << (now.actual_time ? std::to_string(*now.actual_time) : "–") << " working days</p>\n"
         << burn_up_svg(pr.dates, pr.lines) << "\n<p class=\"legend\">";
    for (const auto& l : pr.lines)
        html << "<span><span class=\"swatch " << l.cls << "\"></span>" << l.legend << " <b>"
             << with_commas(static_cast<std::uint64_t>(std::lround(l.values.back()))) << "</b></span>";
    html << "</p>\n<script>" << chart_check << "</script>\n";
    return html.str();
}

const std::size_t behind_shown = 20;  // rows of the behind-schedule table; its heading says how many there are

// The units behind schedule, `behind_shown` of them, each with its three costliest late tasks (the
// library's sentence about each on hover).
std::string behind_section(const model& m, const province_progress& pr, std::size_t unit_count, const behind_rules& rules) {
    std::ostringstream html;
    html << "<h2>Behind schedule</h2>\n<p class=\"sub\">" << with_commas(pr.behind.size()) << " of "
         << with_commas(unit_count) << " units with SPI(t) below " << fixed(rules.spi_t_below, 2) << " as of "
         << format_date(pr.dates.back()) << ", the province first, then its communes, lowest first"
         << (pr.behind.size() > behind_shown ? " (" + std::to_string(behind_shown) + " rows)" : std::string())
         << "; for each, the late tasks that cost it the most earned schedule (in working days).</p>\n";
    if (pr.behind.empty()) return html.str();
    html << "<table class=\"behind\">\n<thead><tr><th>unit</th><th class=\"n\">SPI(t)</th><th class=\"n\">SPI</th>"
            "<th class=\"n\">ES / AT (working days)</th><th class=\"n\">late tasks</th>"
            "<th>costliest late tasks: earned schedule lost, task (agreed dates on hover)</th></tr></thead>\n<tbody>\n";
    for (const auto& b : std::span(pr.behind).first(std::min(pr.behind.size(), behind_shown))) {
        const auto& f = b.figures;
        html << "<tr class=\"behind\" data-unit=\"" << io::xml_escape(m[b.unit].key) << "\"><td>"
             << io::xml_escape(m[b.unit].name) << "</td><td class=\"n\">" << fixed(*f.spi_t, 2) << "</td><td class=\"n\">"
             << (f.spi ? fixed(*f.spi, 2) : "–") << "</td><td class=\"n\">" << fixed(*f.earned_schedule) << " / "
             << *f.actual_time << "</td><td class=\"n\">" << with_commas(b.tasks.size()) << "</td><td class=\"late\">";
        for (std::size_t i = 0; i < std::min<std::size_t>(3, b.tasks.size()); ++i) {
            const auto& t = m[b.tasks[i].task];
            html << "<div title=\"" << io::xml_escape(b.lines[i]) << "\"><b>" << fixed(b.tasks[i].cost) << "</b> "
                 << io::xml_escape(t.key) << ' ' << io::xml_escape(t.name) << "</div>";
        }
        html << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n";
    return html.str();
}

const char* style = R"(
body { font: 14px/1.4 system-ui, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px auto; max-width: 1120px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
.sub { color: #666; margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.card b { display: block; font-size: 22px; }
.dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; vertical-align: -1px; }
.green { background: #2e9e48; } .amber { background: #e8a317; } .red { background: #d64533; }
.lights { display: flex; height: 22px; border-radius: 4px; overflow: hidden; margin-top: 8px; color: #fff; font-size: 12px; }
.lights div { text-align: center; line-height: 22px; white-space: nowrap; overflow: hidden; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: left; }
th.n { text-align: right; }
th { background: #f5f5f5; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #eee; border-radius: 3px; height: 10px; width: 200px; display: inline-block; vertical-align: middle; }
.bar span { display: block; background: #3a7bd5; height: 10px; border-radius: 3px; }
.gantt .grid { stroke: #e4e4e4; } .gantt .month { font-size: 11px; fill: #777; }
.gantt .label { font-size: 12px; fill: #333; }
.gantt .done { fill: #2e9e48; } .gantt .open { fill: #3a7bd5; } .gantt .overdue { fill: #d64533; }
.gantt .due { stroke: #222; stroke-width: 2; } .gantt .link { fill: none; stroke: #999; }
.gantt .asof { stroke: #d64533; stroke-dasharray: 4 3; } .gantt .asof-label { font-size: 11px; fill: #d64533; }
.legend span { margin-right: 16px; } .legend .dot { border-radius: 2px; }
.burnup .grid { stroke: #eee; } .burnup .axis { stroke: #999; } .burnup .tick { font-size: 11px; fill: #777; }
.burnup .axis-label { font-size: 12px; fill: #555; }
.burnup .scope, .swatch.scope { --c: #888; } .burnup .planned, .swatch.planned { --c: #3a7bd5; }
.burnup .done, .swatch.done { --c: #2e9e48; } .burnup .ontime, .swatch.ontime { --c: #8e44ad; }
.burnup .line { fill: none; stroke: var(--c); stroke-width: 2; } .burnup .point { fill: var(--c); stroke: #fff; stroke-width: 1; }
.burnup .line.scope { stroke-dasharray: 6 4; } .burnup .line.planned { stroke-dasharray: 3 3; }
.swatch { display: inline-block; width: 18px; height: 3px; vertical-align: 4px; margin-right: 4px; background: var(--c); }
td.late { font-size: 13px; } td.late b { display: inline-block; min-width: 36px; text-align: right; margin-right: 6px; font-variant-numeric: tabular-nums; } td.late div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 560px; }
)";

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::fprintf(stderr, "usage: province_dashboard OUT.html [PROVINCE_KEY] [VN_ADMIN_DIR]\n");
        return 2;
    }
    const date as_of(2025, 11, 15);

    // 1. The model: real or generated units; a plan of 100 tasks per province, Plan 02's 16 tasks
    //    in every commune, progress simulated as of the date (deterministic).
    generate_options o;
    o.central_tasks = 16;
    o.central_indicators = o.indicators_per_province = o.indicators_per_commune = 0;
    o.as_of = as_of;
    model m;
    if (argc > 3) {
        m = io::load_vn_admin(argv[3]);
        generate_work(m, o);
    } else {
        m = generate_model(o);
    }
    std::optional<unit_id> province = argc > 2 ? m.find_unit(argv[2]) : m.find_unit("40");
    if (!province && argc <= 2) province = m.units().size() > 1 ? std::optional(make_id<unit_id>(1)) : std::nullopt;
    if (!province || m[*province].level != 1) {
        std::fprintf(stderr, "province_dashboard: no province %s\n", argc > 2 ? argv[2] : "");
        return 2;
    }
    const unit_id p = *province;

    // 2. Rollup and lights of every unit; the province's communes, problems first.
    const auto units = m.unit_hierarchy();
    const auto rows = rollup_units(m, as_of);
    const auto lights = traffic_lights(units, rows, {});
    std::vector<unit_id> communes(units.children(p).begin(), units.children(p).end());
    std::stable_sort(communes.begin(), communes.end(), [&](unit_id a, unit_id b) {
        if (lights[index(a)] != lights[index(b)]) return lights[index(a)] > lights[index(b)];  // red first
        return rows[index(a)].completion_rate().value_or(1) < rows[index(b)].completion_rate().value_or(1);
    });
    std::size_t by_light[3] = {0, 0, 0};
    for (auto c : communes) ++by_light[static_cast<int>(lights[index(c)])];

    // 3. The province plan's critical path: schedule it alone, as of the date (done tasks keep
    //    their actual dates, open work starts no earlier than the date; deadlines left out, so the
    //    critical path is the chain that sets the plan's finish) and take the path that ends last.
    const model plan = province_plan(m, p);
    const auto sched = schedule(plan, {.as_of = as_of, .honour_deadlines = false});
    auto paths = critical_paths(plan, sched);
    std::vector<task_id> path;
    for (auto& candidate : paths)
        if (path.empty() || sched[candidate.back()].early_finish > sched[path.back()].early_finish ||
            (sched[candidate.back()].early_finish == sched[path.back()].early_finish && candidate.size() > path.size()))
            path = candidate;

    // 4. Progress over time; its last date is the as-of date, so it must agree with the cards.
    const behind_rules behind_if{.max_tasks = 0};  // the default threshold, every late task (the table shows 3)
    const auto progress = progress_over_time(m, units, p, as_of, behind_if);
    if (progress.lines[2].values.back() != static_cast<double>(rows[index(p)].done()) ||
        progress.lines[0].values.back() != static_cast<double>(rows[index(p)].total())) {
        std::fprintf(stderr, "province_dashboard: the burn-up's last point disagrees with the rollup as of %s\n",
                     format_date(as_of).c_str());
        return 1;
    }

    // 5. The page.
    const auto& c = rows[index(p)];
    const auto light = lights[index(p)];
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
         << "<title>" << io::xml_escape(m[p].name) << " · progress as of " << format_date(as_of) << "</title>\n<style>"
         << style << "</style>\n</head>\n<body>\n<h1>" << io::xml_escape(m[p].name) << "</h1>\n<p class=\"sub\">Resolution 57 · Plan 02 progress as of "
         << format_date(as_of) << " · " << communes.size() << " communes · simulated progress</p>\n";

    html << "<div class=\"cards\">\n<div class=\"card\">light<b><span class=\"dot " << to_string(light) << "\"></span> "
         << to_string(light) << "</b></div>\n<div class=\"card\">tasks done<b>" << with_commas(c.done()) << " / "
         << with_commas(c.total()) << "</b>" << percent(c.completion_rate()) << "</div>\n<div class=\"card\">on time<b>"
         << percent(c.on_time_rate()) << "</b>of the tasks done</div>\n<div class=\"card\">overdue<b>"
         << with_commas(c.overdue()) << "</b>not done, past due</div>\n<div class=\"card\">in progress<b>"
         << with_commas(c.in_progress()) << "</b>within deadline</div>\n</div>\n";

    html << "<h2>Communes by light</h2>\n<div class=\"lights\">";
    for (auto l : {traffic_light::green, traffic_light::amber, traffic_light::red})
        if (by_light[static_cast<int>(l)])
            html << "<div class=\"" << to_string(l) << "\" style=\"width:"
                 << fixed(100.0 * static_cast<double>(by_light[static_cast<int>(l)]) / static_cast<double>(communes.size()))
                 << "%\">" << by_light[static_cast<int>(l)] << ' ' << to_string(l) << "</div>";
    html << "</div>\n";

    html << burn_up_section(progress) << behind_section(m, progress, communes.size() + 1, behind_if);

    html << "<h2>Critical path of the province plan</h2>\n<p class=\"sub\">" << plan.tasks().size()
         << " tasks in the plan of " << io::xml_escape(m[p].name) << "; the " << path.size()
         << " below set its finish, " << format_date(sched.finish) << ".</p>\n";
    if (!path.empty()) html << gantt_svg(plan, sched, path, as_of) << '\n';
    html << "<p class=\"legend\"><span><span class=\"dot green\"></span> done</span><span><span class=\"dot\" "
            "style=\"background:#3a7bd5\"></span> open</span><span><span class=\"dot red\"></span> overdue</span>"
            "<span>▍ due date</span></p>\n";

    html << "<h2>Communes</h2>\n<p class=\"sub\">Red first, then amber, then green; least done first.</p>\n"
         << "<table>\n<thead><tr><th></th><th>commune</th><th class=\"n\">done</th><th>completion</th>"
            "<th class=\"n\">on time</th><th class=\"n\">overdue</th></tr></thead>\n<tbody>\n";
    for (auto u : communes) {
        const auto& r = rows[index(u)];
        html << "<tr class=\"commune\"><td><span class=\"dot " << to_string(lights[index(u)]) << "\" title=\""
             << to_string(lights[index(u)]) << "\"></span></td><td>" << io::xml_escape(m[u].name) << "</td><td class=\"n\">"
             << r.done() << '/' << r.total() << "</td><td><span class=\"bar\"><span style=\"width:"
             << fixed(100.0 * r.completion_rate().value_or(0)) << "%\"></span></span> " << percent(r.completion_rate())
             << "</td><td class=\"n\">" << percent(r.on_time_rate()) << "</td><td class=\"n\">" << r.overdue()
             << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n</body>\n</html>\n";

    std::ofstream out(argv[1], std::ios::binary);
    out << html.str();
    if (!out) {
        std::fprintf(stderr, "province_dashboard: cannot write %s\n", argv[1]);
        return 2;
    }
    std::printf("%s: %s, %zu communes, critical path of %zu tasks, %zu dates, %zu units behind schedule (%zu shown)\n",
                argv[1], m[p].name.c_str(), communes.size(), path.size(), progress.dates.size(), progress.behind.size(),
                std::min(progress.behind.size(), behind_shown));
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "province_dashboard: %s\n", e.what());
    return 2;
}
