#pragma once
// Graphviz DOT of the unit hierarchy (parent → child) and of the dependency graph (predecessor →
// successor), written by Boost.Graph's write_graphviz on plangraph's own graphs through bgl.hpp,
// with no copy into an adjacency_list. Node ids are dense indices; labels carry the key and the
// name, quoted and escaped. Given a schedule, critical tasks and the links that drive them are
// drawn red, cancelled tasks dashed grey. Render with e.g. `dot -Tsvg units.dot -o units.svg`.
// Optional header: it pulls in <boost/graph/graphviz.hpp>.
#include "../bgl.hpp"
#include "../detail/link_rules.hpp"
#include "../model.hpp"
#include "../schedule.hpp"

#include <boost/graph/graphviz.hpp>

#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace plangraph::io {

/// A DOT string literal: quoted, with quotes and backslashes escaped and line breaks as \n.
inline std::string dot_quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out + '"';
}

namespace detail {

/// A writer of one line of graph attributes, as write_graphviz's graph property writer.
struct dot_graph_attributes {
    std::string_view attributes;
    void operator()(std::ostream& out) const { out << attributes << '\n'; }
};

/// True when the link is tight in the schedule: its successor could not start any earlier.
inline bool link_is_tight(const link& l, const schedule_result& r) {
    const auto& a = r[l.from];
    const auto& b = r[l.to];
    if (!a.scheduled || !b.scheduled) return false;
    using early = plangraph::detail::moments<int>;
    return plangraph::detail::free_slack(l.type, l.lag, early{a.early_start_moment, a.early_finish_moment},
                                         early{b.early_start_moment, b.early_finish_moment}) == 0;
}

}  // namespace detail

/// The unit hierarchy: one node per unit labelled "key\nname", one edge per parent → child.
template <class U, class T, class I>
void write_hierarchy_dot(std::ostream& out, const basic_model<U, T, I>& m) {
    const auto& h = m.unit_hierarchy();
    auto vertex = [&m](std::ostream& o, unit_id u) {
        o << "[label=" << dot_quoted(m[u].key + "\n" + m[u].name) << ", tooltip=" << dot_quoted(m.level_name(u)) << "]";
    };
    auto edge = [](std::ostream&, const hierarchy_edge<unit_id>&) {};
    boost::write_graphviz(out, h, vertex, edge,
                          detail::dot_graph_attributes{"rankdir=TB;\nnode [shape=box, fontname=\"Helvetica\"];"});
}

/// The dependency graph: one node per task labelled "key\nname", one edge per link (its type and
/// lag as the edge label unless a plain FS). With `r`, critical tasks and tight links between
/// them are red and slack is in the tooltip; cancelled tasks are dashed either way.
template <class U, class T, class I>
void write_dependencies_dot(std::ostream& out, const basic_model<U, T, I>& m, const schedule_result* r = nullptr) {
    auto g = m.dependency_graph();
    auto vertex = [&m, r](std::ostream& o, digraph::vertex v) {
        auto id = make_id<task_id>(v);
        const task_view t = m[id];
        o << "[label=" << dot_quoted(std::string(t.key).append("\n").append(t.name));
        if (t.is_milestone()) o << ", shape=diamond";
        if (t.cancelled) o << ", style=dashed, color=grey, fontcolor=grey";
        if (r && (*r)[id].scheduled) {
            const auto& s = (*r)[id];
            o << ", tooltip=" << dot_quoted(format_date(s.early_start) + " .. " + format_date(s.early_finish) +
                                           ", total slack " + std::to_string(s.total_slack));
            if (s.critical) o << ", color=red, penwidth=2";
        }
        o << "]";
    };
    auto edge = [&m, r](std::ostream& o, digraph_edge e) {
        const link& l = m.links()[e.id];
        o << "[";
        bool plain = l.type == link_type::finish_to_start && l.lag == 0;
        if (!plain)
            o << "label=" << dot_quoted(std::string(to_string(l.type)) + (l.lag >= 0 ? "+" : "") + std::to_string(l.lag));
        if (r && (*r)[l.from].critical && (*r)[l.to].critical && detail::link_is_tight(l, *r))
            o << (plain ? "" : ", ") << "color=red, penwidth=2";
        o << "]";
    };
    boost::write_graphviz(out, g, vertex, edge,
                          detail::dot_graph_attributes{"rankdir=LR;\nnode [shape=box, fontname=\"Helvetica\"];"});
}

template <class U, class T, class I>
void write_dependencies_dot(std::ostream& out, const basic_model<U, T, I>& m, const schedule_result& r) {
    write_dependencies_dot(out, m, &r);
}

/// The same as strings.
template <class U, class T, class I>
std::string hierarchy_dot(const basic_model<U, T, I>& m) {
    std::ostringstream out;
    write_hierarchy_dot(out, m);
    return out.str();
}
template <class U, class T, class I>
std::string dependencies_dot(const basic_model<U, T, I>& m, const schedule_result* r = nullptr) {
    std::ostringstream out;
    write_dependencies_dot(out, m, r);
    return out.str();
}

}  // namespace plangraph::io
