"""The languages of the explanations (issue 11, "What must show"): in every golden snapshot
(``tests/snapshots/``), every Chinese text is simplified Chinese with no English words and
no traditional characters, and every English text has no Chinese, ids, people's names and
numbers aside.

What counts as "aside":

* in a Chinese text: catalog rule ids (``CC-9.2``, ``CP-4.2.2(3)``), instants and dates
  (``2025-03-07T16:00+08:00``), IANA zone names (``Asia/Shanghai``), and the names and ids
  the case itself gives (people, clients, consultants, records, units, addresses: the
  values of the case's name-like fields, ``NAME_FIELDS``); not the names of the library's
  own presets, roles or categories, which a Chinese reader must read in Chinese;
* in an English text: Chinese that the case itself gives (any of its texts: names,
  addresses, the problems a resident described), quoted as it was written.

Traditional characters are found with ``TRADITIONAL``, a table of traditional-only
characters and their simplified forms covering every traditional character of the seed
documents 000 and 001 (written in traditional characters) and of the rule texts, plus common
ones; no dependency. Snapshots whose texts are known to fail (being fixed in the areas) are
strict expected failures naming the finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.snapshots import ROOT, example_cases, snapshot_path, stored

TRADITIONAL_PAIRS = (
    "丟丢並并來来個个們们備备傭佣傷伤傾倾僅仅儀仪償偿優优兇凶內内兩两別别則则剎刹創创劃划劇剧"
    "動动務务勵励勸劝匯汇區区協协參参員员問问單单嗎吗噸吨嚴严圍围圓圆圖图執执堅坚報报場场學学"
    "實实審审寫写將将專专對对導导層层屬属崗岗帳帐帶带幫帮庫库廈厦廣广張张強强彌弥徑径從从復复"
    "惡恶愛爱態态慫怂懇恳應应懷怀懸悬戶户掛挂換换揮挥損损搶抢撫抚擇择擋挡擔担據据擺摆攜携數数"
    "斷断時时書书會会東东條条業业極极構构樓楼標标樣样樹树機机檔档檢检權权歸归毀毁決决沒没沖冲"
    "況况減减測测準准溝沟滅灭滾滚滿满潛潜為为無无煙烟熱热燈灯營营爭争牽牵狀状獻献現现環环產产"
    "畢毕當当發发盜盗盡尽監监盤盘眾众瞞瞒確确碼码礎础禮礼種种稱称積积竊窃競竞節节簽签糾纠紀纪"
    "約约納纳紙纸級级紛纷細细紹绍終终組组結结絕绝絡络給给統统經经綜综維维緒绪線线緩缓練练總总"
    "績绩織织繼继續续罰罚義义習习聯联聲声職职聽听腦脑臨临臺台與与舊旧薦荐藝艺藶苈處处虛虚號号"
    "蛻蜕術术衛卫補补裝装見见規规視视親亲觀观觸触計计訓训記记訟讼訪访設设許许訴诉評评詞词詢询"
    "試试話话該该詳详認认語语誠诚誤误說说誼谊調调談谈諉诿請请諒谅論论講讲謝谢證证識识議议護护"
    "譽誉變变讓让負负貢贡貨货責责貴贵費费資资賠赔質质贏赢跡迹蹤踪車车軌轨載载輛辆輪轮輸输轄辖"
    "轉转轎轿辦办辯辩這这進进過过違违遠远適适遷迁選选還还邏逻郵邮釋释釘钉針针銳锐銷销錄录錯错"
    "鎖锁鐘钟鑒鉴長长門门開开間间關关陳陈隊队際际隨随險险隱隐雙双雜杂離离難难電电靜静響响項项"
    "順顺須须預预頓顿領领頭头題题額额類类顧顾顯显養养駕驾駛驶驗验體体鳴鸣點点齊齐後后裡里裏里"
    "萬万雲云歲岁週周戲戏鄰邻麥麦價价錢钱買买賣卖銀银龍龙鳥鸟魚鱼馬马華华國国讀读頁页幣币歷历"
    "曆历衝冲醫医療疗藥药壞坏濕湿廁厕廚厨園园廳厅賬账訂订達达遲迟氣气溫温陽阳陰阴風风勞劳僱雇"
    "閱阅覽览聞闻劉刘趙赵黃黄吳吴鄭郑楊杨孫孙馮冯蔣蒋韓韩顏颜羅罗蕭萧葉叶盧卢鄧邓歐欧蘇苏灣湾"
    "麼么於于夠够獨独靈灵歡欢擊击壓压塊块築筑擁拥擾扰攝摄敗败敵敌漢汉濟济瀏浏燒烧爐炉獲获纜缆"
    "羨羡聖圣艱艰蘭兰襪袜譯译貝贝貿贸賓宾贊赞趕赶躍跃辭辞遞递鄉乡釀酿鋼钢鋪铺鍋锅鐵铁閃闪闆板"
    "陸陆隻只雞鸡韋韦頻频飯饭飲饮餘余館馆驚惊鬧闹")
TRADITIONAL: dict[str, str] = dict(zip(TRADITIONAL_PAIRS[::2], TRADITIONAL_PAIRS[1::2],
                                       strict=True))
"""Traditional-only character -> its simplified form."""

NAME_FIELDS = frozenset({
    "id", "name", "client", "consultant", "owner", "by", "received_by", "a", "b", "buyers",
    "unit", "address", "original", "order", "priority", "brought_by", "referred_by", "deal",
    "repair", "revisit", "redo_of", "staff", "clerk", "referrer", "introducer", "inspector",
    "signed_by", "approved_by", "assigned", "manager", "to", "absent",
})
"""Fields of a case whose values (and, for ``absent``, keys) are names or ids."""

RULE_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,4}(?:-[A-Z0-9]+(?:\.[A-Z0-9]+)*)+(?:\(\d+\))?")
INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?")
ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b")
CLAUSE = re.compile(r"\d+(?:\.\d+)+条?[a-z]\b|\d+(?:\.\d+)+条?[a-z](?=[项款])")
"""A source's own clause number with its letter (4.4.8 a, 第4.4.8条a项), as the seeds write it."""
LATIN_WORD = re.compile(r"[A-Za-z]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _strings(value: Any, names: bool, key: str = "") -> Iterator[str]:
    """The strings of a case: all of them, or (``names``) those of its name-like fields."""
    stack: list[tuple[str, Any]] = [(key, value)]
    while stack:
        k, v = stack.pop()
        if isinstance(v, str):
            if not names or k in NAME_FIELDS:
                yield v
        elif isinstance(v, dict):
            if names and k == "absent":
                yield from (str(x) for x in v)
            stack.extend((str(kk), vv) for kk, vv in v.items())
        elif isinstance(v, list):
            stack.extend((k, x) for x in v)


def texts(snapshot: Any) -> Iterator[tuple[str, str, str]]:
    """(where, language, text) of every text of a snapshot: each ``{"en", "zh"}`` pair
    (explanations, escalations, provisional reasons), and each ``x`` / ``x_zh`` pair."""
    stack: list[tuple[str, Any]] = [("", snapshot)]
    while stack:
        where, v = stack.pop()
        if isinstance(v, dict):
            if "en" in v and "zh" in v:
                for lang in ("en", "zh"):
                    lines = v[lang] if isinstance(v[lang], list) else [v[lang]]
                    yield from ((f"{where}.{lang}", lang, t) for t in lines if isinstance(t, str))
            for k, x in v.items():
                if k.endswith("_zh") and isinstance(x, str):
                    yield f"{where}.{k}", "zh", x
                    en = v.get(k[:-3])
                    if isinstance(en, str):
                        yield f"{where}.{k[:-3]}", "en", en
                elif k not in {"en", "zh"}:
                    stack.append((f"{where}.{k}", x))
        elif isinstance(v, list):
            stack.extend((f"{where}[{i}]", x) for i, x in enumerate(v))


def zh_problems(text: str, names: set[str]) -> list[str]:
    """What is wrong with a Chinese text: traditional characters, English words."""
    found = [f"traditional {c} (simplified {TRADITIONAL[c]})" for c in dict.fromkeys(text)
             if c in TRADITIONAL]
    rest = CLAUSE.sub(" ", ZONE.sub(" ", INSTANT.sub(" ", RULE_ID.sub(" ", text))))
    for name in sorted(names, key=len, reverse=True):
        if name.strip():
            rest = re.sub(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", " ", rest)
    found += [f"English word {w!r}" for w in dict.fromkeys(LATIN_WORD.findall(rest))]
    return found


def en_problems(text: str, given: list[str]) -> list[str]:
    """What is wrong with an English text: Chinese that the case did not give."""
    return [f"Chinese {run!r}" for run in dict.fromkeys(HAN.findall(text))
            if not any(run in g for g in given)]


def problems(raw: Any, snapshot: Any) -> list[str]:
    names = set(_strings(raw, names=True))
    given = list(_strings(raw, names=False))
    found: list[str] = []
    for where, lang, text in texts(snapshot):
        wrong = zh_problems(text, names) if lang == "zh" else en_problems(text, given)
        found += [f"{where}: {w}: {text[:120]}" for w in wrong]
    return found


# -- the snapshots ---------------------------------------------------------------------------

OWN = "issue 11 item 6 (ownership): traditional characters from rulebook data, English names"
COMP = ("hostile-findings wording W1 (complaints): English in Chinese texts (policy names, "
        "conflicting facts)")
REPAIR = ("hostile-findings wording W2 (repairs): English role, state, policy and category "
          "keys in Chinese texts")
TIME = ("hostile-findings wording W3 (time): calendar names in English in Chinese texts; "
        "调休 in English texts")
KNOWN: dict[str, str] = {
}
"""Snapshot file (relative to tests/snapshots) -> the finding its texts are known to fail."""

CASES = [(kind, name, n, raw) for kind, name, n, raw in example_cases()]


def _param(kind: str, name: str, n: int, raw: Any) -> Any:
    rel = str(snapshot_path(kind, name, n).relative_to(ROOT))
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[rel])] if rel in KNOWN else []
    return pytest.param(kind, name, n, raw, id=rel, marks=marks)


@pytest.mark.parametrize(("kind", "name", "n", "raw"), [_param(*c) for c in CASES])
def test_chinese_is_simplified_chinese_and_english_is_english(kind: str, name: str, n: int,
                                                              raw: Any) -> None:
    path = snapshot_path(kind, name, n)
    snapshot = json.loads(stored()[path])
    assert list(texts(snapshot)), "a snapshot has texts in both languages"
    assert problems(raw, snapshot) == []


# -- the checker itself -----------------------------------------------------------------------


SEED_WORDS = {  # traditional (as written in seeds 000 and 001) -> simplified
    "置業顧問": "置业顾问", "項目經理": "项目经理", "銷售總監": "销售总监",
    "書面意見": "书面意见", "客戶糾紛": "客户纠纷", "沖突": "冲突", "鑒于": "鉴于",
    "復雜": "复杂", "登記本": "登记本", "接待順序": "接待顺序", "公傭": "公佣",
    "電話": "电话", "輪空處理": "轮空处理", "優先": "优先", "認識": "认识",
}


def test_the_table_turns_the_seeds_words_into_simplified_chinese() -> None:
    for traditional, simplified in SEED_WORDS.items():
        assert "".join(TRADITIONAL.get(c, c) for c in traditional) == simplified
    assert not set(TRADITIONAL) & set(TRADITIONAL.values())  # no simplified form listed
    assert "著" not in TRADITIONAL  # also a simplified character (著名)
    seeds = Path("/work/shared/seeds")
    if seeds.is_dir():  # the documents themselves, where they are at hand
        text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("00[01]_*")))
        assert sum(w in text for w in SEED_WORDS) >= len(SEED_WORDS) // 2
        assert len({c for c in text if c in TRADITIONAL}) > 200


def test_the_checker_finds_traditional_characters_and_english_words() -> None:
    names = {"A", "WIFE", "Wang Fang", "R2"}
    assert zh_problems("提交經理处理", names) == ["traditional 經 (simplified 经)"]
    assert zh_problems("breached:H1/D2:rectify 按业主的合理限期整改", names) == [
        "English word 'breached'", "English word 'H'", "English word 'D'",
        "English word 'rectify'"]
    assert zh_problems("company-pool 3/10 = 9000.00", names) == [
        "English word 'company'", "English word 'pool'"]
    ok = "R2(2025-03-01 10:00)为第一次登记接待:客户归A(SD-7.3、CP-4.2.2(3))"
    assert zh_problems(ok, names) == []
    assert zh_problems("接投诉人(Wang Fang),Asia/Shanghai,2025-01-24T19:30+08:00", names) == []
    assert zh_problems("WIFE、HUSBAND为夫妻", names) == ["English word 'HUSBAND'"]


def test_the_checker_finds_chinese_in_english_unless_the_case_gave_it() -> None:
    given = ["8栋1单元1202", "王管理员"]
    assert en_problems("make-up working days (调休) counted", given) == ["Chinese '调休'"]
    assert en_problems("Handover inspection H1 of 8栋1单元1202 by 王管理员", given) == []
