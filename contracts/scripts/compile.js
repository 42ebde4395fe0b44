#!/usr/bin/env node
// Compiles the contracts with the pinned solc-js (package.json) through its standard-JSON API.
// Usage: node scripts/compile.js <outDir> <srcDir>...
// For each srcDir, every top-level *.sol file is compiled and each contract defined in it is written as
// <outDir>/<basename(srcDir's parent)>/<Contract>.abi and .bin (so src/main/solidity -> out/main, src/test/solidity -> out/test).
// Settings: optimizer on (200 runs), EVM target "paris" so the bytecode also runs on chains without PUSH0
// (the original deployment targets paris too).
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [outDir, ...srcDirs] = process.argv.slice(2);
if (!outDir || srcDirs.length === 0) {
  console.error('usage: compile.js <outDir> <srcDir>...');
  process.exit(2);
}

function findImports(importPath) {
  for (const base of srcDirs) {
    const candidate = path.resolve(base, importPath);
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: 'File not found: ' + importPath };
}

let failed = false;
for (const srcDir of srcDirs) {
  if (!fs.existsSync(srcDir)) continue;
  const files = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
  if (files.length === 0) continue;
  const sources = {};
  for (const f of files) sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'paris',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  for (const e of output.errors || []) {
    const msg = e.formattedMessage || e.message;
    if (e.severity === 'error') { failed = true; console.error(msg); }
    else if (!/SPDX|SMTChecker/.test(msg)) console.error(msg);
  }
  if (failed) continue;
  const target = path.join(outDir, path.basename(path.dirname(path.resolve(srcDir))));
  fs.mkdirSync(target, { recursive: true });
  for (const f of files) {
    for (const [name, c] of Object.entries(output.contracts[f] || {})) {
      if (!c.evm.bytecode.object) continue; // interfaces and abstract contracts have no bytecode
      fs.writeFileSync(path.join(target, name + '.abi'), JSON.stringify(c.abi));
      fs.writeFileSync(path.join(target, name + '.bin'), c.evm.bytecode.object);
    }
  }
}
if (failed) process.exit(1);
console.log('solc ' + solc.version() + ': compiled ' + srcDirs.join(', ') + ' into ' + outDir);
