// In-memory stand-in for office.js, served instead of the real one by the browser test
// (test/addin-browser.test.ts). It implements only what the task pane uses. Configure it before the
// page loads: window.__officeStubConfig = { host: 'Excel' | 'Word' | null, platform, supported }.
// Everything the pane does is recorded in window.__officeStub; the test reads and seeds it.
(function () {
  'use strict';
  var cfg = window.__officeStubConfig || {};
  var host = cfg.host === undefined ? null : cfg.host;
  var supported = cfg.supported || { ExcelApi: '1.17', WordApi: '1.5' };
  var state = {
    host: host,
    // Worksheets as Office.js would report their used ranges: { name, visibility, address, values,
    // valueTypes, numberFormat } (address null for an empty sheet).
    sheets: (cfg.sheets || []).slice(),
    syncs: 0,
    loads: [],
    insertedWorksheets: [],
    activated: [],
    selected: [],
    wordInserts: [],
    createdDocuments: [],
    openedDocuments: 0,
  };
  window.__officeStub = state;

  function versionLE(a, b) {
    var x = String(a).split('.').map(Number);
    var y = String(b).split('.').map(Number);
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) < (y[i] || 0);
    }
    return true;
  }

  var Office = {
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android' },
    context: {
      requirements: {
        isSetSupported: function (name, version) {
          var max = supported[name];
          return max !== undefined && versionLE(version || '1.1', max);
        },
      },
      diagnostics: { platform: cfg.platform || (host ? 'OfficeOnline' : null), host: host },
    },
    onReady: function (callback) {
      var info = { host: host, platform: host ? cfg.platform || 'OfficeOnline' : null };
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(info);
          resolve(info);
        }, 10);
      });
    },
  };
  window.Office = Office;

  function findSheet(name) {
    for (var i = 0; i < state.sheets.length; i++) if (state.sheets[i].name === name) return state.sheets[i];
    return null;
  }

  function makeContext() {
    var pending = [];
    function sheetObject(s) {
      return {
        get name() {
          return s.name;
        },
        get visibility() {
          return s.visibility;
        },
        activate: function () {
          state.activated.push(s.name);
        },
        getRange: function (address) {
          return {
            select: function () {
              pending.push(function () {
                state.selected.push({ sheet: s.name, address: address });
              });
            },
          };
        },
        getUsedRangeOrNullObject: function () {
          return {
            load: function (props) {
              state.loads.push(props);
            },
            get isNullObject() {
              return !s.address;
            },
            get address() {
              return s.address;
            },
            get values() {
              return s.values;
            },
            get valueTypes() {
              return s.valueTypes;
            },
            get numberFormat() {
              return s.numberFormat;
            },
          };
        },
      };
    }
    return {
      workbook: {
        worksheets: {
          load: function (props) {
            state.loads.push(props);
          },
          get items() {
            return state.sheets.map(sheetObject);
          },
          getItemOrNullObject: function (name) {
            var s = findSheet(name);
            var obj = sheetObject(s || { name: name, visibility: 'Visible', address: null, values: [] });
            obj.isNullObject = !s;
            return obj;
          },
          getItem: function (name) {
            var s = findSheet(name);
            // A sheet inserted from base64 appears once the test has parsed the file (see the test);
            // activating it before that is recorded all the same.
            return sheetObject(s || { name: name, visibility: 'Visible', address: null, values: [] });
          },
        },
        insertWorksheetsFromBase64: function (base64, options) {
          state.insertedWorksheets.push({ base64: base64, options: options || null });
          return { value: [] };
        },
      },
      document: {
        insertFileFromBase64: function (base64, location, options) {
          state.wordInserts.push({
            target: 'document',
            base64: base64,
            location: location,
            options: options,
          });
        },
        body: {
          insertFileFromBase64: function (base64, location) {
            state.wordInserts.push({ target: 'body', base64: base64, location: location });
          },
        },
      },
      application: {
        createDocument: function (base64) {
          state.createdDocuments.push(base64);
          return {
            open: function () {
              state.openedDocuments++;
            },
          };
        },
      },
      sync: function () {
        state.syncs++;
        pending.splice(0).forEach(function (f) {
          f();
        });
        return new Promise(function (resolve) {
          setTimeout(resolve, 0);
        });
      },
    };
  }

  function run(callback) {
    return Promise.resolve().then(function () {
      // cfg.failSync: every sync rejects with this message (a host error the pane must show).
      var ctx = makeContext();
      if (cfg.failSync) {
        ctx.sync = function () {
          state.syncs++;
          return Promise.reject(new Error(cfg.failSync));
        };
      }
      return callback(ctx);
    });
  }
  if (host === 'Excel') window.Excel = { run: run };
  if (host === 'Word')
    window.Word = { run: run, InsertLocation: { replace: 'Replace', start: 'Start', end: 'End' } };
})();
