// In-memory stand-in for office.js, served instead of the real one by the browser test
// (test/addin-browser.test.ts). It implements only what the task pane uses. Configure it before the
// page loads: window.__officeStubConfig = { host: 'Excel' | 'Word' | 'PowerPoint' | null, platform,
// supported, sheets, wordDocument }. Like Excel on the web it refuses a response over 5 MB.
// Everything the pane does is recorded in window.__officeStub; the test reads and seeds it.
// Excel edits: range values and number formats, conditional formats (sheet.conditionalFormats), sheet
// protection (sheet.protection = { protected, options }: while protected, formats cannot be changed, as
// in Excel when 设置单元格格式 is not allowed), worksheets.onChanged. __officeStub.edit(sheet, cell, value)
// is the user typing into a cell: it changes the cell and raises onChanged.
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
    // Handlers added to worksheets.onChanged; every cell write ({ sheet, cell, value, numberFormat }); every
    // Range.format.fill write (the pane must never make one: marks are conditional formats).
    changeHandlers: [],
    writes: [],
    fillWrites: [],
    nextFormatId: 1,
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
  function sheetId(s) {
    return s.id || '{' + s.name + '}';
  }
  /** A sheet's cells by "row,col": { v, t, f } (value, value type, number format). */
  function cellsOf(s) {
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
    return cells;
  }
  /** Stores cells back as the sheet's used range (address, values, valueTypes, numberFormat). */
  function storeCells(s, cells) {
    var keys = Object.keys(cells).filter(function (k) {
      return cells[k].t !== 'Empty';
    });
    if (keys.length === 0) {
      s.address = null;
      s.values = [];
      s.valueTypes = [];
      s.numberFormat = [];
      return;
    }
    var pos = keys.map(function (k) {
      return k.split(',').map(Number);
    });
    var r0 = Math.min.apply(
      null,
      pos.map((p) => p[0]),
    );
    var r1 = Math.max.apply(
      null,
      pos.map((p) => p[0]),
    );
    var c0 = Math.min.apply(
      null,
      pos.map((p) => p[1]),
    );
    var c1 = Math.max.apply(
      null,
      pos.map((p) => p[1]),
    );
    s.address = "'" + s.name + "'!" + a1(r0, c0) + ':' + a1(r1, c1);
    s.values = [];
    s.valueTypes = [];
    s.numberFormat = [];
    for (var r = r0; r <= r1; r++) {
      var vs = [];
      var ts = [];
      var fs = [];
      for (var c = c0; c <= c1; c++) {
        var x = cells[r + ',' + c];
        vs.push(x && x.t !== 'Empty' ? x.v : '');
        ts.push(x && x.t !== 'Empty' ? x.t : 'Empty');
        fs.push(x ? x.f : 'General');
      }
      s.values.push(vs);
      s.valueTypes.push(ts);
      s.numberFormat.push(fs);
    }
  }
  function typeOf(v) {
    if (v === '' || v === null || v === undefined) return 'Empty';
    if (typeof v === 'number') return 'Double';
    if (typeof v === 'boolean') return 'Boolean';
    return 'String';
  }
  /** Writes one cell's value and/or number format (undefined: unchanged). */
  function writeCell(s, cell, value, format, valueType) {
    var p = parseA1(cell);
    var cells = cellsOf(s);
    var key = p.row + ',' + p.col;
    var x = cells[key] || { v: '', t: 'Empty', f: 'General' };
    if (value !== undefined) {
      x.v = value;
      x.t = valueType || typeOf(value);
    }
    if (format !== undefined) x.f = format;
    cells[key] = x;
    storeCells(s, cells);
  }
  /** What getRange(address) of a sheet holds: values, value types and number formats. */
  function rangeOf(s, address) {
    var cells = cellsOf(s);
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
    out.formulas = out.values;
    return out;
  }

  /**
   * The user types `value` into a cell (valueType, e.g. 'Error', when it is not what the value says): the
   * cell changes, and onChanged handlers are called.
   */
  state.edit = function (sheetName, cell, value, valueType) {
    var s = findSheet(sheetName);
    writeCell(s, cell, value, undefined, valueType);
    var args = {
      type: 'WorksheetChanged',
      worksheetId: sheetId(s),
      address: cell,
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource: 'Unknown',
    };
    state.changeHandlers.forEach(function (h) {
      setTimeout(function () {
        h(args);
      }, 0);
    });
  };
  /** The conditional formats of a sheet ({ id, address, type, formula, fill }). */
  function formatsOf(s) {
    if (!s.conditionalFormats) s.conditionalFormats = [];
    return s.conditionalFormats;
  }
  function denyIfProtected(s, what) {
    if (s.protection && s.protection.protected)
      throw new Error('AccessDenied: 工作表“' + s.name + '”受保护，不能' + what + '。');
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
      ['address', 'values', 'valueTypes', 'numberFormat', 'formulas'].forEach(function (k) {
        Object.defineProperty(obj, k, {
          get: function () {
            if (!done) throw new Error(k + ': property read before load() + sync()');
            return got[k];
          },
          set: function (v) {
            if (!obj.onSet) throw new Error(k + ' cannot be set here');
            obj.onSet(k, v);
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
      var protection = {
        load: function () {},
        get protected() {
          return !!(s.protection && s.protection.protected);
        },
        get options() {
          return s.protection ? s.protection.options : {};
        },
        toJSON: function () {
          return {
            protected: !!(s.protection && s.protection.protected),
            options: s.protection ? JSON.parse(JSON.stringify(s.protection.options || {})) : {},
          };
        },
        unprotect: function () {
          pending.push(function () {
            if (s.protection && s.protection.password)
              throw new Error('InvalidArgument: 工作表“' + s.name + '”设有密码。');
            s.protection = { protected: false, options: s.protection ? s.protection.options : {} };
          });
        },
        protect: function (options) {
          pending.push(function () {
            s.protection = { protected: true, options: options || {} };
          });
        },
      };
      return {
        get name() {
          return s.name;
        },
        get visibility() {
          return s.visibility;
        },
        get id() {
          return sheetId(s);
        },
        load: function () {},
        protection: protection,
        activate: function () {
          state.activated.push(s.name);
        },
        getRange: function (address) {
          var whole = address === undefined;
          var range = lazyRange(
            function () {
              return rangeOf(s, whole ? 'A1:A1' : address);
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
          range.onSet = function (k, grid) {
            pending.push(function () {
              if (k === 'numberFormat') {
                var old = rangeOf(s, address).numberFormat[0][0];
                if (old !== grid[0][0]) denyIfProtected(s, '设置单元格格式');
                writeCell(s, address, undefined, grid[0][0]);
              } else if (k === 'values') writeCell(s, address, grid[0][0], undefined);
              else throw new Error(k + ' cannot be set');
              state.writes.push({ sheet: s.name, cell: address, prop: k, value: grid[0][0] });
            });
          };
          range.format = {
            fill: {
              set color(c) {
                state.fillWrites.push({ sheet: s.name, address: address, color: c });
              },
            },
          };
          range.conditionalFormats = conditionalFormats(s, whole ? null : address);
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
    /** Conditional formats of a range (address null: the whole sheet). */
    function conditionalFormats(s, address) {
      var loaded = null;
      function proxy(f) {
        return {
          get id() {
            return f.id;
          },
          get type() {
            return f.type;
          },
          load: function () {},
          custom: {
            rule: {
              load: function () {},
              get formula() {
                return f.formula;
              },
              set formula(v) {
                f.formula = v;
              },
            },
            format: {
              fill: {
                get color() {
                  return f.fill;
                },
                set color(v) {
                  f.fill = v;
                },
              },
            },
          },
          delete: function () {
            pending.push(function () {
              denyIfProtected(s, '删除条件格式');
              s.conditionalFormats = formatsOf(s).filter(function (x) {
                return x !== f;
              });
            });
          },
        };
      }
      return {
        add: function (type) {
          var f = {
            id: 'cf' + state.nextFormatId++,
            address: address,
            type: type,
            formula: null,
            fill: null,
          };
          pending.push(function () {
            denyIfProtected(s, '添加条件格式');
            formatsOf(s).push(f);
          });
          return proxy(f);
        },
        load: function () {
          pending.push(function () {
            loaded = formatsOf(s)
              .filter(function (f) {
                return address === null || f.address === address;
              })
              .map(proxy);
            return loaded.length;
          });
        },
        get items() {
          if (!loaded) throw new Error('items: property read before load() + sync()');
          return loaded;
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
          onChanged: {
            add: function (handler) {
              pending.push(function () {
                state.changeHandlers.push(handler);
              });
              return {
                remove: function () {
                  state.changeHandlers = state.changeHandlers.filter(function (h) {
                    return h !== handler;
                  });
                },
              };
            },
          },
          getItemOrNullObject: function (name) {
            var s = findSheet(name);
            var obj = sheetObject(s || { name: name, visibility: 'Visible', address: null, values: [] });
            obj.isNullObject = !s;
            return obj;
          },
          getItem: function (name) {
            var s =
              findSheet(name) ||
              state.sheets.filter(function (x) {
                return sheetId(x) === name;
              })[0];
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
        var answers;
        try {
          answers = pending.splice(0).map(function (f) {
            return f();
          });
        } catch (e) {
          // A failed command fails the batch (the ones before it stay done, as in Excel).
          pending.length = 0;
          return Promise.reject(e);
        }
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
