#pragma once
// What every levelled schedule must keep (DESIGN.md, "Resources and levelling"), checked on the
// levelled moments by the tests of level() wherever the model comes from.
#include <plangraph/level.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace plangraph::test {

/// Every link holds on the levelled moments, with its type and lag (done work keeps its actual
/// dates, whatever its links say).
template <class Model>
void check_links(const Model& m, const schedule_result& cpm, const levelled_schedule& l) {
    for (const auto& k : m.links()) {
        const auto& a = l.tasks[index(k.from)];
        const auto& b = l.tasks[index(k.to)];
        if (!a.scheduled || !b.scheduled || cpm[k.to].done) continue;
        INFO(m[k.from].key << " -> " << m[k.to].key << " " << to_string(k.type) << " " << k.lag);
        switch (k.type) {
            case link_type::finish_to_start: CHECK(b.start_moment >= a.finish_moment + k.lag); break;
            case link_type::start_to_start: CHECK(b.start_moment >= a.start_moment + k.lag); break;
            case link_type::finish_to_finish: CHECK(b.finish_moment >= a.finish_moment + k.lag); break;
            case link_type::start_to_finish: CHECK(b.finish_moment >= a.start_moment + k.lag); break;
        }
    }
}

/// On every working day the running tasks' amounts fit every resource's capacity (done work is
/// history: it is not levelled).
template <class Model>
void check_capacity(const Model& m, const schedule_result& cpm, const levelled_schedule& l) {
    for (std::size_t r = 0; r < m.resources().size(); ++r) {
        std::vector<int> use(static_cast<std::size_t>(l.span + 200), 0);
        for (const auto& d : m.demands()) {
            if (index(d.resource) != r || cpm[d.task].done) continue;
            const auto& t = l.tasks[index(d.task)];
            for (int x = t.start_moment; x < t.finish_moment; ++x) use[static_cast<std::size_t>(x)] += d.amount;
        }
        CHECK(*std::max_element(use.begin(), use.end()) <= m.resources()[r].capacity);
    }
}

}  // namespace plangraph::test
