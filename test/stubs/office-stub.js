// In-memory stand-in for office.js, served instead of the real one by the browser test
// (test/addin-browser.test.ts). It implements only what the task pane uses. Configure it before the
// page loads: window.__officeStubConfig = { host: 'Excel' | 'Word' | 'PowerPoint' | null, platform,
// supported, sheets, wordDocument }. Like Excel on the web it refuses a response over 5 MB.
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
    // Ranges whose values were loaded ({ sheet, address }), used ranges requested, largest response.
    reads: [],
    usedRanges: [],
    largestResponse: 0,
    // The open Word document: its paragraphs' texts and how many inline pictures it has.
    wordDocument: cfg.wordDocument || { paragraphs: [''], pictures: 0 },
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

  // A1 references (0-based row/col), as Office.js addresses ranges.
  function parseA1(ref) {
    var m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    var col = 0;
    for (var i = 0; i < m[1].length; i++) col = col * 26 + (m[1].charCodeAt(i) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  }
  function a1(row, col) {
    var s = '';
    for (var c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
      s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    return s + (row + 1);
  }
  function corners(address) {
    var ref = address.slice(address.lastIndexOf('!') + 1).split(':');
    return { start: parseA1(ref[0]), end: parseA1(ref[ref.length - 1]) };
  }
  /** What getRange(address) of a sheet holds: values, value types and number formats. */
  function rangeOf(s, address) {
    var cells = {};
    if (s.address) {
      var o = corners(s.address).start;
      s.values.forEach(function (row, r) {
        row.forEach(function (v, c) {
          var t = s.valueTypes && s.valueTypes[r] ? s.valueTypes[r][c] : v === '' ? 'Empty' : 'String';
          var f = s.numberFormat && s.numberFormat[r] ? s.numberFormat[r][c] : 'General';
          if (t !== 'Empty') cells[o.row + r + ',' + (o.col + c)] = { v: v, t: t, f: f };
        });
      });
    }
    var k = corners(address);
    var out = {
      address: "'" + s.name + "'!" + a1(k.start.row, k.start.col) + ':' + a1(k.end.row, k.end.col),
    };
    out.values = [];
    out.valueTypes = [];
    out.numberFormat = [];
    for (var r = k.start.row; r <= k.end.row; r++) {
      var vs = [];
      var ts = [];
      var fs = [];
      for (var c = k.start.col; c <= k.end.col; c++) {
        var x = cells[r + ',' + c];
        vs.push(x ? x.v : '');
        ts.push(x ? x.t : 'Empty');
        fs.push(x ? x.f : 'General');
      }
      out.values.push(vs);
      out.valueTypes.push(ts);
      out.numberFormat.push(fs);
    }
    return out;
  }

  function makeContext() {
    // Loads answer at sync; a response over 5 MB fails as in Excel on the web.
    var pending = [];
    function lazyRange(compute, props) {
      var got = null;
      var done = false;
      var obj = {
        load: function (p) {
          props(p);
          pending.push(function () {
            got = compute();
            done = true;
            if (!got) return null;
            var answer = {};
            p.split(',').forEach(function (k) {
              answer[k] = got[k];
            });
            return answer;
          });
        },
      };
      ['address', 'values', 'valueTypes', 'numberFormat'].forEach(function (k) {
        Object.defineProperty(obj, k, {
          get: function () {
            if (!done) throw new Error(k + ': property read before load() + sync()');
            return got[k];
          },
        });
      });
      Object.defineProperty(obj, 'isNullObject', {
        get: function () {
          return done && got === null;
        },
      });
      return obj;
    }
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
          var range = lazyRange(
            function () {
              return rangeOf(s, address);
            },
            function (props) {
              if (/values/.test(props)) state.reads.push({ sheet: s.name, address: address });
            },
          );
          range.select = function () {
            pending.push(function () {
              state.selected.push({ sheet: s.name, address: address });
            });
          };
          return range;
        },
        getUsedRangeOrNullObject: function (valuesOnly) {
          return lazyRange(
            function () {
              return s.address ? rangeOf(s, s.address) : null;
            },
            function (props) {
              state.usedRanges.push({ sheet: s.name, valuesOnly: valuesOnly, props: props });
              if (/values/.test(props)) state.reads.push({ sheet: s.name, address: s.address });
            },
          );
        },
      };
    }
    function nullObject(isNull) {
      var done = false;
      var value;
      pending.push(function () {
        value = isNull();
        done = true;
      });
      return {
        get isNullObject() {
          if (!done) throw new Error('isNullObject read before sync()');
          return value;
        },
      };
    }
    var doc = state.wordDocument;
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
        getSelection: function () {
          return {
            insertFileFromBase64: function (base64, location) {
              state.wordInserts.push({ target: 'selection', base64: base64, location: location });
            },
          };
        },
        body: {
          paragraphs: {
            getFirst: function () {
              var text = null;
              return {
                load: function () {
                  pending.push(function () {
                    text = doc.paragraphs[0];
                  });
                },
                get text() {
                  if (text === null) throw new Error('text read before load() + sync()');
                  return text;
                },
                getNextOrNullObject: function () {
                  return nullObject(function () {
                    return doc.paragraphs.length < 2;
                  });
                },
              };
            },
          },
          inlinePictures: {
            getFirstOrNullObject: function () {
              return nullObject(function () {
                return !doc.pictures;
              });
            },
          },
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
        var answers = pending.splice(0).map(function (f) {
          return f();
        });
        var size = new TextEncoder().encode(JSON.stringify(answers)).length;
        state.largestResponse = Math.max(state.largestResponse, size);
        if (size > 5 * 1024 * 1024)
          return Promise.reject(
            new Error('RichApi.Error: The response payload size has exceeded the limit.'),
          );
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
