// Stock prose the report builders fall back on when a unit wrote nothing of its own. Keyed by the
// definition's category names; any category not listed here gets a generic sentence built from its name,
// so a new definition with other categories still produces sensible text.

/** Titles for a generated 具体工作开展情况 subsection (the unit has metrics but wrote no paragraph). */
const UNIT_WORK_TITLES: Record<string, string> = {
  组织领导: '压实意识形态工作责任',
  理论武装: '抓好理论武装和学习教育',
  阵地建设: '加强阵地建设管理',
  网络意识形态: '强化网络意识形态管理',
  队伍建设: '加强意识形态工作队伍建设',
};

/** Titles of the summary report's 工作开展情况 subsections (seed 001: "（一）强化组织领导。"). */
const SUMMARY_WORK_TITLES: Record<string, string> = {
  组织领导: '强化组织领导',
  理论武装: '强化理论武装',
  阵地建设: '强化阵地建设',
  网络意识形态: '强化网络意识形态安全',
  队伍建设: '强化队伍建设',
};

/** 意见建议 for the summary report, by the category whose problems were most reported. */
const SUGGESTIONS: Record<string, { title: string; text: string }> = {
  组织领导: {
    title: '进一步落实意识形态工作责任制',
    text: '督促各单位党组（党委）切实履行主体责任，把意识形态工作纳入重要议事日程，定期专题研究、定期分析研判，做到与业务工作同部署、同落实、同检查、同考核。',
  },
  理论武装: {
    title: '进一步强化理论武装',
    text: '严格落实理论学习中心组学习、“第一议题”和“三会一课”等制度，丰富学习形式，推动党员干部真学真懂真信真用，切实提高学习实效。',
  },
  阵地管理: {
    title: '进一步加强阵地建设管理',
    text: '压实各类宣传阵地管理责任，严格落实信息发布审核制度，及时更新网站、公众号、宣传栏等阵地内容，确保阵地始终传播正确声音。',
  },
  阵地建设: {
    title: '进一步加强阵地建设管理',
    text: '压实各类宣传阵地管理责任，严格落实信息发布审核制度，及时更新网站、公众号、宣传栏等阵地内容，确保阵地始终传播正确声音。',
  },
  舆论引导: {
    title: '进一步提升舆论引导能力',
    text: '围绕中心工作和群众关切主动发声，加强政策解读和正面宣传，提高重要节点、敏感时期的舆论引导水平。',
  },
  网络意识形态: {
    title: '进一步维护网络意识形态安全',
    text: '落实网络意识形态工作责任制，加强对工作群、公众号等网络平台的日常管理和舆情监测，健全舆情发现、研判、处置工作机制。',
  },
  队伍建设: {
    title: '进一步强化干部队伍建设',
    text: '加强意识形态工作干部培训，充实网评员和信息员队伍，经常性开展谈心谈话，及时掌握和引导党员干部思想动态。',
  },
};

export function unitWorkTitle(category: string): string {
  return UNIT_WORK_TITLES[category] ?? `扎实做好${category}工作`;
}

export function summaryWorkTitle(category: string): string {
  return SUMMARY_WORK_TITLES[category] ?? `强化${category}工作`;
}

export function suggestionFor(category: string): { title: string; text: string } {
  return (
    SUGGESTIONS[category] ?? {
      title: `进一步加强${category}方面工作`,
      text: `针对${category}方面反映较多的问题，督促相关单位逐项制定整改措施，明确责任和时限，切实抓好整改落实。`,
    }
  );
}

/** Strips trailing sentence punctuation so a fragment can be woven into a longer sentence. */
export function clause(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/[。；;，,、.！!\s]+$/u, '');
}

/** Ensures a sentence ends with 。 (or another closing mark already there). */
export function sentence(s: string | null | undefined): string {
  const t = (s ?? '').trim();
  if (!t) return '';
  return /[。！？!?：:]$/u.test(t) ? t : `${clause(t)}。`;
}

/**
 * Strips a numbering the user typed in front of a title or item ("（一）", "一、", "1.", "（1）", "第一，",
 * "一是"), since the report numbers its own subsections.
 */
export function stripOrdinal(s: string | null | undefined): string {
  return (s ?? '')
    .trim()
    .replace(
      /^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．,，]|\d+\s*[、.．,，)](?!\d)|第[一二三四五六七八九十\d]+\s*[、，,.]|[一二三四五六七八九十]+是)\s*/u,
      '',
    );
}
