const start = process.cpuUsage();
const t0 = Date.now();
process.on('exit', () => { const u = process.cpuUsage(start); console.log('node cpu s', ((u.user + u.system) / 1e6).toFixed(1), 'wall s', ((Date.now() - t0) / 1000).toFixed(1)); });
void import('../scripts/bench-import.ts');
