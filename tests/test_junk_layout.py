"""The page-layout rule (J010) on page dumps and lookalikes it was not written from.

A whole-page dump (menus, a title, the article, a link list, a footer) must come
back as the article; extractor-style text with lists, tables and subheadings,
long or short, must come back unchanged.
"""

from __future__ import annotations

from cleaner import Cleaner

CLEANER = Cleaner(select=("J010",))

ARTICLE = [
    "Volunteers counted more than four hundred swifts nesting under the roofs of the old town this summer.",
    "The count, which is held every year by the local bird club, was the highest since it began in 2009.",
    "Members said that new nest boxes on the church tower and the school had made the difference.",
    "Swifts spend almost their whole lives in the air and only land to breed, which makes them hard to count.",
]
MENU = ["Home", "News", "Sport", "Weather", "What's on", "Property", "Jobs", "Cars", "Announcements",
        "Obituaries", "Puzzles", "Podcasts", "Photos", "Video"]
FOOTER = ["Popular", "Parking charges to rise", "Choir needs new voices", "Bakery wins prize", "Market moves",
          "About us", "Work for us", "Advertise", "Complaints", "Terms", "Privacy", "Sitemap", "Archive",
          "Apps", "Shop", "Help", "Contact the newsroom", "Send us a story", "Buy a photo", "Reader offers",
          "Dating", "Family notices", "Local directory", "Events calendar"]


def page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part) + "\n"


def test_page_dump_keeps_the_article_and_its_title():
    """The headline right above the text stays, as the default keeps one title."""
    title = ["Record count of swifts in the old town"]
    result = CLEANER.clean(page(MENU, title, ARTICLE, FOOTER))
    assert result.text == page(title, ARTICLE)
    for change in result.changes:
        assert change.scores["run_share"] >= 0.3
        assert "short-line runs" in change.reason


def test_subheading_and_list_inside_a_page_dump_stay():
    body = [*ARTICLE[:2], "How to help", "Put up a box", "Leave gaps under tiles", "Report nests to the club",
            *ARTICLE[2:]]
    result = CLEANER.clean(page(MENU, body, FOOTER))
    assert result.text == page(body)


def test_extractor_text_is_never_judged():
    """Short text with lists and headings: the gate is not reached, nothing is looked at."""
    text = page(["Swift survey results"], ARTICLE[:2], ["Totals", "2019: 212", "2020: 250", "2021: 301",
                                                        "2022: 380", "2023: 412"], ARTICLE[2:])
    assert CLEANER.clean(text).changes == ()


def test_long_list_heavy_text_stays():
    """A long recipe-like text, mostly lists, above the line count of the gate."""
    steps = [f"{n}. Step {n}: stir it well" for n in range(1, 21)]
    items = [f"- {n} g of ingredient number {n}" for n in range(1, 21)]
    text = page(ARTICLE[:1], ["Ingredients"], items, ["Method"], steps, ARTICLE[1:])
    assert CLEANER.clean(text).changes == ()


def test_an_unmarked_list_with_a_heading_and_a_longer_last_item_below_stays():
    """Ingredients without bullets, a last item too long for the run, then a heading, then the method."""
    items = ["For the soup", *(f"{n} {unit} {food}" for n, unit, food in zip(
        range(1, 14), ["g", "tbsp", "cloves", "tsp", "ml", "g", "sprigs", "tbsp", "g", "ml", "tsp", "g", "cups"],
        ["barley", "butter", "garlic", "cumin", "stock", "leeks", "thyme", "cream", "peas", "milk", "salt",
         "kale", "water"]))]
    method = [f"Step {n}: stir the pot and let everything simmer gently for another ten minutes or so."
              for n in range(1, 21)]
    text = page(ARTICLE, items, ["A little more water if needed", "Method"], method, ARTICLE[1:])
    result = CLEANER.clean(text)
    assert not [change.before for change in result.changes if change.before.strip() in items]


def test_a_later_paragraph_on_the_title_s_topic_stays():
    """A paragraph far below the main text, sharing no word with it but several with the page's title (its
    first line, as a whole-page dump starts)."""
    title = ["Harbour swimmers brave the winter sea"]
    main = ["A charity swim across the harbour on Sunday raised four thousand pounds for the lifeboat station.",
            "Forty people took part, and most of them managed the full length of the course.",
            "Organisers thanked the volunteers who handed out towels and hot drinks at the finish.",
            "The money will pay for new radios and a replacement engine for the inshore boat."]
    results = ["Results", *(f"{name} {minutes} min" for name, minutes in zip(
        ["Ana", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou", "Max"], range(20, 33)))]
    later = ["Regular winter swimmers say the harbour sea is at its coldest in February, below six degrees."]
    result = CLEANER.clean(page(title, MENU, main, results, later, FOOTER))
    assert {*main, later[0]} <= set(result.text.splitlines())
    assert not set(result.text.splitlines()) & set(MENU[1:] + FOOTER[5:])


def test_a_site_name_first_line_does_not_make_a_footer_sentence_the_main_text():
    """The page starts with the site's name, not a headline; the article shares no word with it, a footer
    sentence does. A block that small is not the article: the article stays, the footer goes."""
    site = ["Millbrook Courier: news for the valley"]
    notice = ["The Millbrook Courier is published by a family firm, and its pages are protected by copyright law."]
    result = CLEANER.clean(page(site, MENU, ARTICLE, FOOTER, notice))
    kept = result.text.splitlines()
    assert set(ARTICLE) <= set(kept)
    assert notice[0] not in kept


def test_a_chinese_page_dump_keeps_its_article():
    """Unspaced text: no stoplist measures its stopword density, so a long line is content by its length
    alone (it was 'near' before, and outside a main block made of a few Latin-script lines)."""
    menu = ["首页", "新闻", "体育", "财经", "娱乐", "科技", "汽车", "房产", "教育", "旅游", "健康", "视频"]
    title = ["市中心新图书馆周末向市民开放"]
    article = ["市中心的新图书馆将于本周六正式对外开放，馆内藏书约三十万册，并设有儿童阅览区和自习室。",
               "馆长表示，开放首月将延长开放时间，每天晚上九点闭馆，市民可以凭身份证免费办理借书证。",
               "据介绍，图书馆的设计采用了大量自然采光，屋顶还安装了太阳能板，预计每年可节电两成。"]
    links = ["热门推荐", "天气预报", "地铁新线", "房价走势", "高考志愿", "足球联赛", "美食地图", "周末去哪",
             "健康讲座", "招聘信息", "便民电话", "公交查询", "失物招领", "社区活动"]
    footer = ["关于我们", "联系我们", "广告服务", "网站地图", "隐私政策", "版权声明", "意见反馈", "加入我们", "友情链接",
              "手机版", "Copyright 2024 City Evening News Group. All rights reserved by the publisher."]
    kept = set(CLEANER.clean(page(menu, title, article, links, footer)).text.splitlines())
    assert {*title, *article} <= kept
    assert not kept & set(menu + footer)


def test_a_hindi_page_dump_ends_its_sentences_with_a_danda():
    """'।' ends a sentence, so the article's lines anchor the main block and the headlines after it go."""
    menu = ["मुखपृष्ठ", "देश", "दुनिया", "खेल", "मनोरंजन", "व्यापार", "तकनीक", "शिक्षा", "स्वास्थ्य", "वीडियो", "फोटो", "राशिफल"]
    title = ["शहर में नया पुस्तकालय आम लोगों के लिए खुला"]
    article = ["शहर के बीचों-बीच बना नया पुस्तकालय शनिवार को आम लोगों के लिए खोल दिया गया और पहले ही दिन भारी भीड़ रही।",
               "इसमें लगभग तीन लाख किताबें हैं और बच्चों के लिए एक अलग कक्ष भी बनाया गया है जहाँ कहानी सत्र होंगे।",
               "पुस्तकालय के प्रमुख ने बताया कि पहले महीने में यह रात नौ बजे तक खुला रहेगा और सदस्यता मुफ्त होगी।"]
    headlines = ["बारिश से कई जिलों में स्कूल बंद, प्रशासन ने जारी की चेतावनी", "क्रिकेट टीम ने सीरीज़ में दो शून्य की बढ़त बनाई",
                 "पेट्रोल और डीजल के दाम में आज कोई बदलाव नहीं हुआ"]
    footer = ["हमारे बारे में", "संपर्क करें", "विज्ञापन", "गोपनीयता नीति", "शर्तें", "साइटमैप", "करियर", "सहायता",
              "ऐप डाउनलोड करें", "न्यूज़लेटर", "आरएसएस", "फेसबुक", "ट्विटर", "यूट्यूब", "इंस्टाग्राम", "ई-पेपर",
              "वेब स्टोरी", "पॉडकास्ट", "मौसम", "धर्म"]
    kept = set(CLEANER.clean(page(menu, title, article, ["ये भी पढ़ें"], headlines, footer)).text.splitlines())
    assert {*title, *article} <= kept
    assert not kept & set(menu + headlines + footer)


def test_a_page_in_a_language_without_a_stoplist_keeps_its_article():
    """Amharic has no jusText stoplist: every density is 0, so its long lines are content by length, and the
    page's one English line (which has stopwords) does not become the main text."""
    menu = ["ዋና ገጽ", "ዜና", "ስፖርት", "ንግድ", "ጤና", "ትምህርት", "ባህል", "ቪዲዮ", "ፎቶ", "አስተያየት", "መዝናኛ", "ቴክኖሎጂ"]
    title = ["በከተማው መሃል አዲስ ቤተ መጻሕፍት ተከፈተ"]
    article = ["በከተማው መሃል የተገነባው አዲሱ ቤተ መጻሕፍት ቅዳሜ ዕለት ለሕዝብ ክፍት ሆኗል እና በመጀመሪያው ቀን ብዙ ሰዎች ጎብኝተውታል።",
               "ቤተ መጻሕፍቱ ወደ ሦስት መቶ ሺህ የሚጠጉ መጻሕፍት ያሉት ሲሆን ለልጆች የተለየ የንባብ ክፍልም አለው።",
               "የቤተ መጻሕፍቱ ኃላፊ እንደተናገሩት በመጀመሪያው ወር እስከ ምሽቱ ሦስት ሰዓት ድረስ ክፍት ሆኖ ይቆያል።"]
    footer = ["ስለ እኛ", "ያግኙን", "ማስታወቂያ", "የግላዊነት ፖሊሲ", "ውሎች", "የጣቢያ ካርታ", "ሥራ", "እገዛ", "መተግበሪያ", "ጋዜጣ",
              "ፌስቡክ", "ትዊተር", "ዩቲዩብ", "ቴሌግራም", "ኢ-ጋዜጣ", "ፖድካስት", "የአየር ሁኔታ", "ሃይማኖት", "መዝገብ", "ምርጫ",
              "ግብርና", "ትራንስፖርት", "ቱሪዝም", "ሙዚቃ", "ፊልም",
              "Copyright 2024 by the City Times. All rights reserved by the publisher of this site."]
    kept = set(CLEANER.clean(page(menu, title, article, footer)).text.splitlines())
    assert {*title, *article} <= kept
    assert not kept & set(menu + footer[1:])


#: A technical post as an extractor gives it: prose, a query (its inner lines indented) and its result
#: table (box-drawing characters), twice. Written for this test.
QUERY = ["WITH visits AS (", "    SELECT", "        day,", "        count(*) AS total", "    FROM", "        log",
         "    GROUP BY", "        day", ")", "SELECT", "    day,", "    total", "FROM", "    visits", "ORDER BY",
         "    total DESC"]
RESULT = [" day │ total", "─────┼──────", " Mon │   412", " Tue │   380", " Wed │   301", " Thu │   250",
          " Fri │   212"]


def test_code_and_result_tables_in_extracted_text_stay():
    prose = [line.replace("swifts", "visits") for line in ARTICLE]
    text = page(prose[:2], QUERY, prose[2:3], RESULT, prose[3:], QUERY, RESULT, ["That is all for today."])
    assert CLEANER.clean(text).text == text


def test_indented_page_dump_still_loses_its_menus():
    """A dump that indents every line by its depth (as inscriptis does): indentation says nothing there."""
    indent = lambda lines, depth: [" " * depth + line for line in lines]  # noqa: E731
    result = CLEANER.clean(page(indent(MENU, 2), indent(ARTICLE, 2), indent(FOOTER, 4)))
    assert result.text == page(indent(ARTICLE, 2))
