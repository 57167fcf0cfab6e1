// Builds the Office add-in (task pane + commands page) into dist/.
//   npm run build        production build; dist/manifest.xml points at YANPAN_URL
//   npm run dev-server   https://localhost:3000/ with office-addin-dev-certs (certificates only here)
// Options (environment variables):
//   YANPAN_URL        production site, default https://yanpan.example.gov.cn/ (must end with /)
//   YANPAN_OFFICE_JS  "local" (default): office.js is copied from @microsoft/office-js into dist/office-js/
//                     and loaded from our own origin (government intranets often cannot reach Microsoft's
//                     CDN); "cdn": load https://appsforoffice.microsoft.com/lib/1/hosted/office.js instead.
// Either way the pages load office.js only inside Office (addin/src/office-host.ts), and a
// Content-Security-Policy lets them load and frame nothing but our own origin (plus that one script host
// with "cdn").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack from 'webpack';
import { transform } from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.dirname(fileURLToPath(import.meta.url));

export const urlDev = 'https://localhost:3000/';
export const officeJsCdn = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The pages' Content-Security-Policy: our own origin only (and the office.js CDN when built for it). */
export function contentSecurityPolicy(officeJsMode) {
  const scripts = officeJsMode === 'cdn' ? `'self' ${new URL(officeJsCdn).origin}` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Files of @microsoft/office-js/dist we do not need: debug builds and the hosts we do not run in. */
const officeJsIgnore = [
  '**/*.debug.js',
  '**/office-vsdoc.js',
  '**/outlook*',
  '**/onenote*',
  '**/powerpoint*',
  '**/project*',
  '**/access*',
  '**/visio*',
  '**/custom-functions-runtime*',
];

/**
 * Minifies the emitted JavaScript with esbuild: terser needs minutes for exceljs on two cores,
 * esbuild a few seconds.
 */
class EsbuildMinifyPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('EsbuildMinifyPlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'EsbuildMinifyPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        async (assets) => {
          for (const name of Object.keys(assets)) {
            // Only our own bundles: copied files (office.js, boot.js) are shipped exactly as they are.
            if (!name.endsWith('.js') || compilation.getAsset(name).info.copied) continue;
            const source = compilation.getAsset(name).source.source().toString();
            const { code } = await transform(source, {
              minify: true,
              target: 'es2020',
              legalComments: 'none',
            });
            compilation.updateAsset(name, new webpack.sources.RawSource(code));
          }
        },
      );
    });
  }
}

export default async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const urlProd = process.env.YANPAN_URL || 'https://yanpan.example.gov.cn/';
  if (!/^https:\/\/.+\/$/.test(urlProd))
    throw new Error(`YANPAN_URL must be an https URL ending in /: ${urlProd}`);
  const officeJsMode = (process.env.YANPAN_OFFICE_JS || 'local').toLowerCase();
  if (!['local', 'cdn'].includes(officeJsMode)) throw new Error('YANPAN_OFFICE_JS must be "local" or "cdn"');
  const officeJs = officeJsMode === 'cdn' ? officeJsCdn : 'office-js/office.js';
  const templateParameters = { officeJs, csp: contentSecurityPolicy(officeJsMode) };

  const patterns = [
    { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
    // The pane's style sheet (the CSP allows no inline styles) and its ES5 start-up guard.
    { from: 'addin/src/taskpane/taskpane.css', to: 'taskpane.css' },
    { from: 'addin/src/taskpane/boot.js', to: 'boot.js' },
    // The 批量汇总 view's style sheet (addin/src/taskpane/batch).
    { from: 'addin/src/taskpane/batch/batch.css', to: 'batch.css' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => (dev ? content : content.toString().split(urlDev).join(urlProd)),
    },
  ];
  if (officeJsMode === 'local') {
    patterns.push({
      from: path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist'),
      to: 'office-js',
      globOptions: { ignore: officeJsIgnore },
    });
  }

  const config = {
    devtool: dev ? 'source-map' : false,
    // Rebuilds (tests, dev) reuse node_modules/.cache/webpack; a clean CI build is unaffected.
    cache: {
      type: 'filesystem',
      version: `${officeJsMode} ${urlProd}`,
      // The files copied as they are count as build dependencies: copy-webpack-plugin's cached copy of a
      // changed style sheet was served from the cache otherwise.
      buildDependencies: {
        config: [fileURLToPath(import.meta.url)],
        copied: [
          path.join(root, 'addin/src/taskpane/taskpane.css'),
          path.join(root, 'addin/src/taskpane/boot.js'),
          path.join(root, 'addin/src/taskpane/batch/batch.css'),
        ],
      },
    },
    entry: {
      taskpane: './addin/src/taskpane/taskpane.ts',
      commands: './addin/src/commands/commands.ts',
    },
    output: { path: path.join(root, 'dist'), filename: '[name].js', clean: true },
    resolve: {
      extensions: ['.ts', '.js'],
      // The Node build of exceljs needs stream/fs polyfills; its browser bundle is self-contained.
      alias: { exceljs$: require.resolve('exceljs/dist/exceljs.min.js') },
    },
    module: {
      // Already a self-contained minified bundle: nothing to parse for imports.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: dev } },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters,
        scriptLoading: 'defer',
      }),
      // The same page as the site's index, for people who open the address in a browser (WPS users).
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './addin/src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters,
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './addin/src/commands/commands.html',
        chunks: ['commands'],
        templateParameters,
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({ patterns }),
    ],
    // exceljs makes a large task-pane bundle; it is loaded once from our own server.
    performance: { hints: false },
    optimization: { minimizer: [new EsbuildMinifyPlugin()] },
    devServer: {
      static: { directory: path.join(root, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };

  // Certificates only for `webpack serve`: builds and CI never touch them.
  if (env.WEBPACK_SERVE) {
    const devCerts = require('office-addin-dev-certs');
    config.devServer.server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  } else {
    delete config.devServer;
  }
  return config;
};
