// The ownership report page: reads window.OWNERSHIP_DATA (written by `dotnet ownership report`)
// and draws the summary, the type graph (cytoscape.js, dagre layered layout) and the findings table.
// window.ownershipReport tells a test (or a curious reader) what was rendered.
(function () {
  'use strict';
  var status = window.ownershipReport = { ready: false, nodes: 0, edges: 0, errors: [], shownFindings: 0 };
  window.addEventListener('error', function (e) { status.errors.push(String(e.message || e)); });

  var report = window.OWNERSHIP_DATA;
  var graph = report.graph;
  var findings = graph.findings.map(function (f, i) { f.index = i; return f; });
  var nodesById = {};
  graph.nodes.forEach(function (n) { nodesById[n.id] = n; });

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = props[key]; }
      else if (key === 'className') { node.className = props[key]; }
      else { node.setAttribute(key, props[key]); }
    });
    (children || []).forEach(function (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }
  function where(place) { return place ? place.file + ':' + place.line : ''; }
  function active(f) { return !f.isSuppressed; }
  function findingsOf(nodeId) { return findings.filter(function (f) { return f.typeKey === nodeId && active(f); }); }
  function countBy(list, key) {
    var counts = {};
    list.forEach(function (item) { var k = key(item); counts[k] = (counts[k] || 0) + 1; });
    return counts;
  }
  function rule(id) { return graph.rules.filter(function (r) { return r.id === id; })[0] || { id: id, title: '', helpUri: '' }; }
  function ruleLink(id) { var r = rule(id); return r.helpUri ? el('a', { href: r.helpUri, target: '_blank', rel: 'noopener', text: id }) : el('span', { text: id }); }

  // Header and problems.
  var shown = findings.filter(active);
  document.title = 'Ownership report: ' + graph.root;
  document.getElementById('subtitle').textContent = graph.root + ' · ' + graph.projects.length + ' project(s) · ' +
    graph.nodes.length + ' type(s) · ' + shown.length + ' finding(s) · generated ' + report.generated;
  if (graph.problems.length) {
    var problems = document.getElementById('problems');
    problems.hidden = false;
    var list = el('ul', {}, graph.problems.map(function (p) { return el('li', { text: p }); }));
    var summary = 'The report is partial: ' + graph.problems.length + ' problem(s) loading or analysing the projects';
    // A long list (one restore warning per project and package) stays folded under its count.
    problems.appendChild(graph.problems.length > 3 ? el('details', {}, [el('summary', { text: summary }), list]) : el('div', {}, [el('strong', { text: summary + ':' }), list]));
  }

  // Summary.
  var byRule = countBy(shown, function (f) { return f.rule; });
  var ruleBody = document.querySelector('#by-rule tbody');
  Object.keys(byRule).sort().forEach(function (id) {
    ruleBody.appendChild(el('tr', {}, [el('td', {}, [ruleLink(id)]), el('td', { text: rule(id).title }), el('td', { className: 'num', text: String(byRule[id]) })]));
  });
  if (!Object.keys(byRule).length) { ruleBody.appendChild(el('tr', {}, [el('td', { colspan: '3', text: 'No finding.' })])); }
  var byProject = countBy(shown, function (f) { return f.project; });
  var typesByProject = countBy(graph.nodes.filter(function (n) { return n.project; }), function (n) { return n.project; });
  var projectBody = document.querySelector('#by-project tbody');
  graph.projects.forEach(function (p) {
    projectBody.appendChild(el('tr', {}, [el('td', { text: p }), el('td', { className: 'num', text: String(byProject[p] || 0) }), el('td', { className: 'num', text: String(typesByProject[p] || 0) })]));
  });
  var owners = graph.nodes.map(function (n) {
    return { node: n, owned: n.members.filter(function (m) { return m.ownership.indexOf('owned') === 0; }).length, lost: n.members.filter(function (m) { return m.isLost; }).length };
  }).filter(function (o) { return o.owned > 0; }).sort(function (a, b) { return b.owned - a.owned || b.lost - a.lost || (a.node.label < b.node.label ? -1 : 1); }).slice(0, 10);
  var ownerBody = document.querySelector('#top-owners tbody');
  owners.forEach(function (o) {
    var link = el('a', { href: '#', text: o.node.label });
    link.addEventListener('click', function (e) { e.preventDefault(); select(o.node.id); });
    ownerBody.appendChild(el('tr', {}, [el('td', {}, [link]), el('td', { className: 'num', text: String(o.owned) }), el('td', { className: 'num', text: String(o.lost) })]));
  });
  if (!owners.length) { ownerBody.appendChild(el('tr', {}, [el('td', { colspan: '3', text: 'No type owns a resource member.' })])); }

  // Details of one type.
  function showDetails(id) {
    var node = nodesById[id];
    var details = document.getElementById('details');
    details.innerHTML = '';
    if (!node) { return; }
    details.appendChild(el('h3', { text: node.fullName }));
    details.appendChild(el('p', { className: 'where', text: (node.kind === 'Resource' ? 'resource type from a reference' : (node.project + ' · ' + where(node.place))) + (node.isDisposable ? ' · disposable' : '') }));
    if (node.members.length) {
      details.appendChild(el('h4', { text: 'Resource members' }));
      node.members.forEach(function (m) {
        var memberFindings = findingsOf(id).filter(function (f) { return m.place && f.place && f.place.file === m.place.file && f.place.line === m.place.line; });
        var box = el('div', { className: 'member' + (m.isLost ? ' lost' : '') }, [
          el('strong', { text: m.name }), ' : ' + m.typeName, el('br'),
          el('span', { text: m.ownership + ' — ' + m.release })]);
        memberFindings.forEach(function (f) { box.appendChild(el('div', {}, [ruleLink(f.rule), ' ' + f.message])); });
        details.appendChild(box);
      });
    }
    var outgoing = graph.edges.filter(function (e) { return e.from === id; });
    var incoming = graph.edges.filter(function (e) { return e.to === id; });
    if (incoming.length) {
      details.appendChild(el('h4', { text: 'Held by' }));
      details.appendChild(el('ul', {}, incoming.map(function (e) { return el('li', { text: (nodesById[e.from] || {}).label + ' ' + verb(e) + ' it in ' + e.member }); })));
    }
    if (!outgoing.length && !node.members.length && node.kind !== 'Resource') { details.appendChild(el('p', { text: 'The model found no resource member in this type.' })); }
    var own = findingsOf(id);
    if (own.length) {
      details.appendChild(el('h4', { text: own.length + ' finding(s)' }));
      details.appendChild(el('ul', {}, own.map(function (f) { return el('li', {}, [ruleLink(f.rule), ' ' + f.message + ' ', el('span', { className: 'where', text: where(f.place) })]); })));
    }
  }
  function verb(e) { return e.kind === 'Owns' ? 'owns' : e.kind === 'Borrows' ? 'borrows' : 'transfers'; }

  // The graph.
  var cy = null;
  function select(id) {
    showDetails(id);
    if (cy) {
      cy.elements().removeClass('selected');
      var node = cy.getElementById(id);
      if (node && node.length) { node.addClass('selected'); cy.animate({ center: { eles: node } }, { duration: 200 }); }
    }
    document.getElementById('graph-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  function elements() {
    var nodes = graph.nodes.map(function (n) {
      var count = findingsOf(n.id).length;
      return { group: 'nodes', data: { id: n.id, label: n.label + (count ? '  ⚠ ' + count : ''), kind: n.kind, flagged: count > 0 || n.members.some(function (m) { return m.isLost; }) ? 1 : 0 } };
    });
    var edges = graph.edges.map(function (e, i) {
      return { group: 'edges', data: { id: 'e' + i, source: e.from, target: e.to, kind: e.kind, label: verb(e) + ' ' + e.member, cycle: e.inCycle ? 1 : 0 } };
    });
    return nodes.concat(edges);
  }
  function drawGraph() {
    if (typeof window.cytoscape !== 'function') { status.errors.push('cytoscape.js is missing from the page'); return; }
    if (window.cytoscapeDagre) { window.cytoscape.use(window.cytoscapeDagre); }
    var large = graph.nodes.length > 1500;
    cy = window.cytoscape({
      container: document.getElementById('cy'),
      elements: elements(),
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'shape': 'round-rectangle', 'background-color': '#dbeafe', 'border-color': '#2563eb', 'border-width': 2, 'label': 'data(label)', 'text-valign': 'center', 'font-size': 12, 'width': 'label', 'height': 28, 'padding': '8px' } },
        { selector: 'node[kind = "Resource"]', style: { 'shape': 'round-rectangle', 'background-color': '#f3f4f6', 'border-color': '#6b7280', 'font-style': 'italic' } },
        { selector: 'node[flagged = 1]', style: { 'border-color': '#dc2626', 'border-width': 3 } },
        { selector: 'node.selected', style: { 'background-color': '#fde68a' } },
        { selector: 'node.faded, edge.faded', style: { 'display': 'none' } },
        { selector: 'edge', style: { 'curve-style': 'bezier', 'width': 2, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', 'target-arrow-shape': 'triangle', 'label': 'data(label)', 'font-size': 10, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
        { selector: 'edge[kind = "Borrows"]', style: { 'line-style': 'dashed', 'line-color': '#6b7280', 'target-arrow-color': '#6b7280', 'target-arrow-shape': 'vee' } },
        { selector: 'edge[kind = "TransfersTo"]', style: { 'line-style': 'dotted', 'line-color': '#16a34a', 'target-arrow-color': '#16a34a' } },
        { selector: 'edge[cycle = 1]', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'width': 4 } }
      ]
    });
    status.graph = cy;
    cy.on('tap', 'node', function (e) { select(e.target.id()); });
    var layout = cy.layout(large || !window.cytoscapeDagre ? { name: 'grid', avoidOverlap: true } : { name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 90, edgeSep: 10 });
    layout.one('layoutstop', function () {
      cy.fit(undefined, 20);
      status.nodes = cy.nodes().length;
      status.edges = cy.edges().length;
      status.ready = true;
      document.getElementById('graph-stats').textContent = status.nodes + ' node(s), ' + status.edges + ' edge(s)';
      document.body.setAttribute('data-graph', 'ready');
    });
    layout.run();
    document.getElementById('fit').addEventListener('click', function () { cy.fit(undefined, 20); });
    document.getElementById('only-findings').addEventListener('change', function (e) {
      cy.elements().removeClass('faded');
      if (e.target.checked) {
        var keep = cy.nodes('[flagged = 1]').closedNeighborhood();
        cy.elements().difference(keep).addClass('faded');
      }
    });
  }

  // The findings table with its filters.
  var table = document.querySelector('#findings-table tbody');
  var rows = findings.map(function (f) {
    var row = el('tr', { className: f.isSuppressed ? 'suppressed' : '', 'data-rule': f.rule, 'data-severity': f.severity, 'data-project': f.project }, [
      el('td', { className: 'sev sev-' + f.severity, text: f.severity }),
      el('td', {}, [ruleLink(f.rule)]),
      el('td', { text: f.message + (f.isSuppressed ? ' (suppressed)' : '') }),
      el('td', { className: 'where', text: where(f.place) + (f.member ? ' · ' + f.member : '') }),
      el('td', { text: f.project })]);
    row.addEventListener('click', function (e) { if (e.target.tagName !== 'A' && f.typeKey && nodesById[f.typeKey]) { select(f.typeKey); } });
    table.appendChild(row);
    return { finding: f, row: row, text: (f.rule + ' ' + f.message + ' ' + where(f.place) + ' ' + (f.member || '') + ' ' + f.project).toLowerCase() };
  });
  function fill(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
    select.addEventListener('change', applyFilters);
  }
  function unique(key) { var seen = {}; findings.forEach(function (f) { seen[key(f)] = true; }); return Object.keys(seen).sort(); }
  fill('rule-filter', unique(function (f) { return f.rule; }));
  fill('severity-filter', unique(function (f) { return f.severity; }));
  fill('project-filter', unique(function (f) { return f.project; }));
  document.getElementById('search').addEventListener('input', applyFilters);
  document.getElementById('show-suppressed').addEventListener('change', applyFilters);
  function applyFilters() {
    var ruleValue = document.getElementById('rule-filter').value;
    var severityValue = document.getElementById('severity-filter').value;
    var projectValue = document.getElementById('project-filter').value;
    var query = document.getElementById('search').value.trim().toLowerCase();
    var suppressed = document.getElementById('show-suppressed').checked;
    var count = 0;
    rows.forEach(function (r) {
      var f = r.finding;
      var visible = (suppressed || !f.isSuppressed) && (!ruleValue || f.rule === ruleValue) && (!severityValue || f.severity === severityValue) &&
        (!projectValue || f.project === projectValue) && (!query || r.text.indexOf(query) >= 0);
      r.row.hidden = !visible;
      if (visible) { count++; }
    });
    status.shownFindings = count;
    document.getElementById('finding-count').textContent = count + ' of ' + findings.length + ' finding(s) shown';
  }
  applyFilters();

  try { drawGraph(); } catch (e) { status.errors.push(String(e && e.message || e)); }
})();
