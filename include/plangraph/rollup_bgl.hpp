#pragma once
// The Boost.Graph strategy of rollup.hpp: units and tasks as the vertices of one
// adjacency_list (a unit's out-edges go to its child units and its tasks), rolled up by
// depth_first_search with a visitor that, when a vertex finishes, adds a task's contribution or
// a unit's subtree row into its parent's row. Kept out of the umbrella header: BGL is heavy to
// compile. It exists to compare against (benchmarks) and as an oracle built on BGL's traversal.
#include "rollup.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <vector>

namespace plangraph {

class bgl_rollup {
public:
    using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

    template <class Model>
    explicit bgl_rollup(const Model& m) : bgl_rollup(m.tasks(), m.unit_hierarchy(), detail::own_unit) {}
    /// On the map of a date (placement.hpp).
    template <class Model, class Map>
    bgl_rollup(const Model& m, const Map& map)
        : bgl_rollup(m.tasks(), map.tree(), [&map](const task_view& t) { return map.place(t.unit); }) {}

    /// Over any tree of units, each of the model's tasks owned by the row owner_of(task) names.
    template <class OwnerOf>
    bgl_rollup(task_range tasks, const hierarchy<unit_id>& units, OwnerOf owner_of)
        : unit_count_(units.size()), graph_(units.size() + tasks.size()), tasks_(tasks), leaf_(leaf_tasks(tasks)) {
        for (std::size_t u = 0; u < unit_count_; ++u) {
            auto p = units.parent(make_id<unit_id>(u));
            parent_.push_back(is_none(p) ? no_vertex : index(p));
            if (!is_none(p)) boost::add_edge(index(p), u, graph_);
        }
        for (std::size_t t = 0; t < tasks_.size(); ++t) {
            std::size_t owner = owner_of(tasks_[t]);
            parent_.push_back(owner);
            boost::add_edge(owner, unit_count_ + t, graph_);
        }
    }

    std::vector<status_counts> operator()(date as_of) const {
        std::vector<status_counts> rows(unit_count_);
        std::vector<boost::default_color_type> colour(boost::num_vertices(graph_));
        visitor vis{this, as_of, &rows};
        boost::depth_first_search(graph_, vis, boost::make_iterator_property_map(colour.begin(),
                                                                                 boost::get(boost::vertex_index, graph_)));
        return rows;
    }

private:
    static constexpr std::size_t no_vertex = static_cast<std::size_t>(-1);

    struct visitor : boost::default_dfs_visitor {
        const bgl_rollup* self;
        date as_of;
        std::vector<status_counts>* rows;

        visitor(const bgl_rollup* s, date d, std::vector<status_counts>* r) : self(s), as_of(d), rows(r) {}

        void finish_vertex(graph::vertex_descriptor v, const graph&) const {
            std::size_t p = self->parent_[v];
            if (v >= self->unit_count_) {
                std::size_t t = v - self->unit_count_;
                (*rows)[p] += contribution(self->tasks_[t], as_of, self->leaf_[t]);
            } else if (p != no_vertex) {
                (*rows)[p] += (*rows)[v];
            }
        }
    };

    std::size_t unit_count_;
    graph graph_;
    task_range tasks_;
    std::vector<bool> leaf_;
    std::vector<std::size_t> parent_;  // by vertex: the parent unit's vertex, or no_vertex
};

}  // namespace plangraph
