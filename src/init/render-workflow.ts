/**
 * .github/workflows/tollgate.yml: `tollgate gate --env staging` on every push
 * and pull request, the HTML report and JUnit kept as an artifact, JUnit shown
 * as a check. The staging URL and token come from repository secrets.
 */
export function renderWorkflow(secretNames: string[]): string {
  const env = ['STAGING_URL', ...secretNames].map((name) => `          ${name}: \${{ secrets.${name} }}`);
  return [
    'name: tollgate',
    'on:',
    '  push:',
    '    branches: [main]',
    '  pull_request:',
    'jobs:',
    '  gate:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 20',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    '          cache: npm',
    '      - run: npm ci',
    '      - name: tollgate gate (staging)',
    '        run: npx tollgate gate --env staging --run-dir reports/ci',
    '        env:',
    ...env,
    '      - name: keep the report',
    '        if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: tollgate-report',
    '          path: reports/ci/',
    '      - name: show JUnit results',
    '        if: always()',
    '        uses: mikepenz/action-junit-report@v5',
    '        with:',
    '          report_paths: reports/ci/junit.xml',
    '',
  ].join('\n');
}
