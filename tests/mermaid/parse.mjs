// Test-only: parse Mermaid diagrams with Mermaid's own parser and report what it read.
//
//   node parse.mjs diagrams.json   (a JSON list of {"name": ..., "text": ...})
//
// Prints a JSON list, one result per diagram, in order:
//   {"name", "ok", "error", "type", "vertices": [{"id", "text"}],
//    "edges": [{"start", "end", "stroke"}], "subgraphs": [{"id", "title", "nodes"}]}
// Labels are as Mermaid's parser keeps them: entity codes (#quot; #35;) are still
// encoded, as its placeholders, until the renderer decodes them.
//
// Run from the directory where `npm ci` installed tests/mermaid/package.json (the
// test helper copies it there), so that `mermaid` and `jsdom` resolve.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

// Mermaid sanitises labels with DOMPurify, which needs a DOM even to parse.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const diagrams = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const { name, text } of diagrams) {
  const result = { name, ok: false, error: null, type: null, vertices: [], edges: [], subgraphs: [] };
  try {
    const parsed = await mermaid.parse(text);
    result.type = parsed.diagramType;
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    if (db.getVertices) {
      result.vertices = [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text }));
      result.edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, stroke: e.stroke }));
      result.subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes }));
    }
    result.ok = true;
  } catch (error) {
    result.error = String(error && error.message ? error.message : error);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
