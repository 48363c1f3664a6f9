// Starter bots for `support-bot init`. The English clinic and SaaS bots are examples/bots/dental-clinic
// and saas-helpdesk; the shops are cut down from examples/bots/acme-store(.zh) (the first 8 examples of
// 10 / 8 intents, their eval rows and the off-topic rows); the Chinese clinic and SaaS bots were
// written for this. Each has a few owner-written outOfScope lines, none of them in its eval CSV.

/** A starter: the bot file's object and a matching labelled eval CSV. */
export interface StarterBot {
  bot: Record<string, unknown>;
  evalCsv: string;
}

/** Starter bots by `<kind>.<language>`. */
export const STARTER_BOTS: Record<string, StarterBot> = {
  'shop.en': {
    bot: {
      version: 1,
      name: 'Our Shop',
      language: 'en',
      greeting:
        "Hi! 👋 I'm the Our Shop assistant. Ask me about orders, returns, shipping, sizing or your account.",
      intents: [
        {
          id: 'order_status',
          label: 'Order status',
          examples: [
            'where is my order?',
            'can you track my package for me',
            'when will my parcel arrive',
            "I ordered a jacket last week and haven't heard anything since",
            'whats the status of order 10482',
            'tracking number please',
            'my order still says processing, is that normal?',
            'is my stuff on the way?',
          ],
          response: {
            text: 'You can follow every order on **[your orders page](/account/orders)** — it shows the carrier and a tracking link as soon as the parcel leaves our warehouse (usually within **1 business day** of ordering). Checked out as a guest? Use the link in your shipping confirmation email, or **[look up an order](/orders/lookup)** with your order number and email.',
            quickReplies: [],
            links: [
              {
                label: 'Your orders',
                url: '/account/orders',
              },
              {
                label: 'Guest order lookup',
                url: '/orders/lookup',
              },
            ],
          },
        },
        {
          id: 'cancel_order',
          label: 'Cancel an order',
          examples: [
            'I want to cancel my order',
            'cancel order please',
            'can I still cancel what I bought this morning?',
            'I changed my mind, please stop my order',
            'how do I cancel a purchase',
            "please don't ship it, I don't need it anymore",
            'I ordered by mistake, cancel it',
            'is it too late to cancel?',
          ],
          response: {
            text: 'Orders can be cancelled from **[your orders page](/account/orders)** until they are packed — usually about **1 hour** after you order. Choose **Cancel order** and the payment hold is released straight away.\n\nAlready packed? Refuse the parcel on delivery or send it back for a full refund.',
            quickReplies: [],
            links: [
              {
                label: 'Your orders',
                url: '/account/orders',
              },
              {
                label: 'Returns centre',
                url: '/help/returns',
              },
            ],
          },
        },
        {
          id: 'returns',
          label: 'Returns',
          examples: [
            'how do I return something?',
            'I want to send this back',
            "what's your return policy",
            'can I return an item I wore once',
            'return label please',
            "the jacket doesn't fit, how do I return it",
            'how many days do I have to return stuff',
            'do I have to pay for return shipping?',
          ],
          response: {
            text: 'You have **60 days** to return unworn items with their tags.\n\n1. Start a return in the **[returns centre](/help/returns)**.\n2. Print the prepaid label (free in the US, UK and EU) or show the QR code at the drop-off point.\n3. Or bring it to any Acme store.\n\nWe refund as soon as the parcel is scanned at our warehouse.',
            quickReplies: [],
            links: [
              {
                label: 'Returns centre',
                url: '/help/returns',
              },
              {
                label: 'Return policy',
                url: '/help/returns#policy',
              },
            ],
          },
        },
        {
          id: 'refund_status',
          label: 'Refunds',
          examples: [
            'where is my refund',
            "I returned my order but haven't got my money back",
            'how long do refunds take?',
            'refund status',
            'you received my return, when do I get paid back',
            'still no refund after two weeks',
            'has my refund been processed yet',
            'when will the money be back on my card',
          ],
          response: {
            text: "Refunds go back to your original payment method within **5 business days** of your return being scanned at our warehouse; your bank may take **3-5 more days** to show it. You can follow it on **[your orders page](/account/orders)**.\n\nStill nothing 10 business days after the scan? Send us your order number and we'll chase it.",
            quickReplies: [],
            links: [
              {
                label: 'Refund policy',
                url: '/help/refunds',
              },
              {
                label: 'Your orders',
                url: '/account/orders',
              },
            ],
          },
        },
        {
          id: 'shipping_options',
          label: 'Shipping options and costs',
          examples: [
            'how much is shipping',
            'do you offer free delivery?',
            'what shipping options are there',
            'how long does standard shipping take',
            'can I get it by tomorrow?',
            'how much does express delivery cost',
            'is there next day shipping',
            'delivery times',
          ],
          response: {
            text: "- **Standard** (3-5 business days): **free over $75**, otherwise $5.95\n- **Express** (1-2 business days): $12.95\n- **Next day**: $19.95 for orders placed before 1 pm ET\n\nWe ship with UPS and USPS; you'll get a tracking link by email as soon as your order leaves the warehouse.",
            quickReplies: [],
            links: [
              {
                label: 'Shipping details',
                url: '/help/shipping',
              },
            ],
          },
        },
        {
          id: 'delivery_delayed',
          label: 'Late delivery',
          examples: [
            'my delivery is late',
            'the parcel should have arrived yesterday',
            "tracking hasn't updated in days",
            'my package is stuck in Memphis',
            "it says delivered but I didn't get it",
            'carrier claims it was handed over but I never received anything',
            'my order is overdue',
            'the courier never came',
          ],
          response: {
            text: "Sorry about that! Carriers sometimes run a day or two behind. If tracking **hasn't moved for 3 business days**, or it says delivered but nothing arrived (check with neighbours and your mailroom first), tell us on **[our delivery problem form](/help/delivery-problem)** and we'll send a replacement or refund straight away.",
            quickReplies: [],
            links: [
              {
                label: 'Report a delivery problem',
                url: '/help/delivery-problem',
              },
              {
                label: 'Your orders',
                url: '/account/orders',
              },
            ],
          },
        },
        {
          id: 'payment_methods',
          label: 'Payment methods',
          examples: [
            'what payment methods do you accept?',
            'can I pay with PayPal',
            'do you take Apple Pay',
            'can I pay by debit card',
            'is Amex accepted',
            'can I pay cash on delivery',
            'payment options',
            'do you accept Google Pay?',
          ],
          response: {
            text: "We accept **Visa, Mastercard, American Express, Discover, PayPal, Apple Pay, Google Pay** and Acme gift cards, and Klarna in the US and UK. You can combine a gift card with one other method, but not two cards. We don't offer cash on delivery or bank transfer.",
            quickReplies: [],
            links: [
              {
                label: 'Payments',
                url: '/help/payments',
              },
            ],
          },
        },
        {
          id: 'password_reset',
          label: 'Password reset',
          examples: [
            'I forgot my password',
            'reset my password',
            "can't log in",
            "password doesn't work",
            'how do I change my password?',
            'locked out of my account',
            'the reset email never came',
            'login problems',
          ],
          response: {
            text: "Use **[Forgot password](/account/reset)** on the sign-in page and we'll email you a link (valid for **1 hour**). No email after 5 minutes? Check your spam folder, then try again with the address you signed up with. After 5 wrong attempts the account locks for 15 minutes.",
            quickReplies: [],
            links: [
              {
                label: 'Reset password',
                url: '/account/reset',
              },
            ],
          },
        },
        {
          id: 'contact_hours',
          label: 'Opening hours and contact',
          examples: [
            'what are your opening hours?',
            'when is customer service open',
            'how can I contact you',
            "what's your phone number",
            'do you have an email address',
            'are you open on weekends',
            'when can I call you?',
            'customer support hours',
          ],
          response: {
            text: 'Our support team is available **Monday-Friday 8:00-20:00 and Saturday 9:00-17:00 (ET)**, closed Sundays and US public holidays:\n\n- phone [1-800-555-0199](tel:+18005550199)\n- email [help@acme.example](mailto:help@acme.example) — we reply within one business day\n- live chat from this window during opening hours',
            quickReplies: [],
            links: [
              {
                label: 'Contact us',
                url: '/help/contact',
              },
            ],
          },
        },
        {
          id: 'human_agent',
          label: 'Talk to a person',
          examples: [
            'I want to talk to a human',
            'can I speak to a real person?',
            'connect me to an agent',
            "this bot isn't helping",
            'let me talk to customer service',
            'get me a representative',
            'speak to someone please',
            'live agent',
          ],
          response: {
            text: "Of course. Our team is available **Monday-Friday 8:00-20:00 and Saturday 9:00-17:00 (ET)**:\n\n- call [1-800-555-0199](tel:+18005550199)\n- email [help@acme.example](mailto:help@acme.example)\n- or **[send us a message](/help/contact)** and we'll reply within one business day.\n\nHave your order number handy so we can help faster.",
            quickReplies: [],
            links: [
              {
                label: 'Contact form',
                url: '/help/contact',
              },
              {
                label: 'Call us',
                url: 'tel:+18005550199',
              },
              {
                label: 'Email us',
                url: 'mailto:help@acme.example',
              },
            ],
          },
        },
      ],
      faq: [],
      fallback: {
        text: "Sorry, I'm not sure I understood. Could you rephrase it, or pick a topic below? You can also [contact our team](/help/contact).",
        quickReplies: [
          {
            label: 'Where is my order?',
            intent: 'order_status',
          },
          {
            label: 'Returns',
            intent: 'returns',
          },
          {
            label: 'Shipping costs',
            intent: 'shipping_options',
          },
          {
            label: 'Talk to a person',
            intent: 'human_agent',
          },
        ],
        links: [
          {
            label: 'Help centre',
            url: '/help',
          },
        ],
      },
      outOfScope: [
        'are you hiring',
        'what is the weather tomorrow',
        'can you recommend a restaurant',
        'who are you voting for',
      ],
    },
    evalCsv:
      "text,label\nany update on the coat I bought on Monday?,order_status\nneed to know where my shipment is,order_status\nhow can I see where my parcel is right now,order_status\nhas anything been dispatched for my purchase,order_status\nplease stop order 5521 from going out,cancel_order\nI no longer want the items I just purchased,cancel_order\nis it possible to cancel an order I placed an hour ago,cancel_order\n\"I'd like to cancel, ordered the wrong thing\",cancel_order\nhow can I send back a pair of trousers,returns\nwhat's the process for returning shoes,returns\nI need a returns label for my parcel,returns\ncan I bring back something I don't like,returns\nmy return arrived at your warehouse days ago and I still haven't been paid back,refund_status\nhow soon will I be reimbursed,refund_status\nno money back yet for the items I sent back,refund_status\nwhen does the refund hit my account,refund_status\nwhat does delivery cost,shipping_options\nhow many days does delivery usually take,shipping_options\ndo you have a faster shipping option,shipping_options\nis delivery free if I spend enough,shipping_options\nmy parcel hasn't shown up and it's past the delivery date,delivery_delayed\ntracking says delivered but there's nothing at my door,delivery_delayed\nthe shipment hasn't moved for a week,delivery_delayed\nmy package seems to be lost,delivery_delayed\nwhich cards do you take,payment_methods\nis paypal an option,payment_methods\ncan I check out with apple pay,payment_methods\nwhat ways can I pay,payment_methods\nI can't remember my login password,password_reset\nhow do I get back into my account,password_reset\nthe password reset link didn't arrive,password_reset\nmy login keeps failing,password_reset\nwhat time does support open,contact_hours\nis there a number I can call,contact_hours\nhow do I reach your customer service team,contact_hours\ncan I email you,contact_hours\nI'd like to speak with an actual person,human_agent\nplease connect me to someone on your team,human_agent\ncan a human help me instead,human_agent\ntransfer me to a live agent please,human_agent\nwhat is the capital of Peru?,oos\nwhat's the weather like in Paris tomorrow,oos\nwrite a python function that reverses a string,oos\nwho won the world cup in 2018,oos\nhow many calories are in an avocado,oos\ncan you recommend a good movie,oos\nwhat is the square root of 144,oos\nhow do I fix a leaking kitchen tap,oos\nexplain quantum entanglement simply,oos\nwhat time is it in Tokyo,oos\ntell me a joke,oos\nhow do I install node on windows,oos\nwhat's the best iPhone right now,oos\ntranslate good morning into Italian,oos\nwho is the president of Brazil,oos\nhow far is the moon from earth,oos\nwhat's a good recipe for lasagne,oos\ncan you help me with my maths homework,oos\nis bitcoin a good investment,oos\nhow do I renew my passport,oos\nwhat's the population of Canada,oos\nhow do I get rid of a headache,oos\nwhat are the rules of chess,oos\nbook me a flight to London,oos\nwhat's the meaning of life,oos\nhow do I train my puppy to sit,oos\nwhich Netflix series should I watch,oos\nwhat's the exchange rate between dollars and euros,oos\nhow do I change a car tyre,oos\nwho wrote Pride and Prejudice,oos\nhow tall is Mount Everest,oos\ncan you write a poem about autumn,oos\n",
  },
  'shop.zh': {
    bot: {
      version: 1,
      name: '我们的店',
      language: 'zh-CN',
      greeting: '您好！👋 我是 我们的店智能客服，可以帮您查订单、退换货、配送和尺码问题。',
      intents: [
        {
          id: 'order_status',
          label: '订单查询',
          examples: [
            '我的订单到哪了',
            '怎么查物流',
            '快递单号是多少',
            '我买的东西发货了吗',
            '订单一直显示处理中',
            '帮我查一下订单状态',
            '包裹什么时候能到',
            '查快递',
          ],
          response: {
            text: '您可以在 **[我的订单](/account/orders)** 查看物流信息：包裹离开仓库后会显示快递单号和跟踪链接，通常下单后 **1 个工作日内** 发货。\n\n如果物流超过 **3 天** 没有更新，请通过 **[配送问题反馈](/help/delivery-problem)** 告诉我们，我们会帮您联系快递或直接补发。',
            quickReplies: [],
            links: [
              {
                label: '我的订单',
                url: '/account/orders',
              },
              {
                label: '配送问题反馈',
                url: '/help/delivery-problem',
              },
            ],
          },
        },
        {
          id: 'cancel_order',
          label: '取消订单',
          examples: [
            '我要取消订单',
            '不想要了能取消吗',
            '刚下的单怎么取消',
            '拍错了帮我撤销订单',
            '订单还没发货可以取消吗',
            '取消购买',
            '麻烦把我的订单取消掉',
            '现在取消还来得及吗',
          ],
          response: {
            text: '订单在打包前（通常下单后 **1 小时内**）可以在 **[我的订单](/account/orders)** 里点击“取消订单”，款项会原路退回。\n\n已经打包的订单无法取消，可以拒收，或签收后申请退货，全额退款。',
            quickReplies: [],
            links: [
              {
                label: '我的订单',
                url: '/account/orders',
              },
              {
                label: '退货中心',
                url: '/help/returns',
              },
            ],
          },
        },
        {
          id: 'returns',
          label: '退货',
          examples: [
            '怎么退货',
            '衣服不合适想退',
            '退货政策是什么',
            '七天无理由退货吗',
            '退货运费谁出',
            '我要申请退货',
            '买的鞋子想退掉',
            '退货期限是多少天',
          ],
          response: {
            text: '未穿着、吊牌完好的商品支持 **60 天内退货**：\n\n1. 在 **[退货中心](/help/returns)** 提交申请；\n2. 选择快递上门取件（国内运费由我们承担）；\n3. 也可以直接送到任意门店。\n\n仓库签收后 5 个工作日内退款。',
            quickReplies: [],
            links: [
              {
                label: '退货中心',
                url: '/help/returns',
              },
              {
                label: '退货政策',
                url: '/help/returns#policy',
              },
            ],
          },
        },
        {
          id: 'refund',
          label: '退款',
          examples: [
            '退款什么时候到账',
            '钱怎么还没退回来',
            '退款进度查询',
            '我已经退货了退款呢',
            '退款要几天',
            '申请退款',
            '钱退到哪里',
            '退款一直没到银行卡',
          ],
          response: {
            text: '仓库签收退货后 **5 个工作日内** 原路退款，银行或支付宝、微信入账可能还需要 **1-3 天**。进度可以在 **[我的订单](/account/orders)** 查看。\n\n签收后超过 10 个工作日仍未到账，请提供订单号联系人工客服。',
            quickReplies: [],
            links: [
              {
                label: '退款说明',
                url: '/help/refunds',
              },
              {
                label: '我的订单',
                url: '/account/orders',
              },
            ],
          },
        },
        {
          id: 'shipping',
          label: '配送和运费',
          examples: [
            '运费多少',
            '包邮吗',
            '多久能送到',
            '发什么快递',
            '可以加急吗',
            '满多少免运费',
            '偏远地区能送吗',
            '能指定送货时间吗',
          ],
          response: {
            text: '- 订单满 **199 元包邮**，否则运费 12 元；\n- 默认发顺丰或京东物流，江浙沪一般 1-2 天，其他地区 2-4 天，新疆、西藏约 5-7 天；\n- 加急次日达 25 元（下午 1 点前下单）。',
            quickReplies: [],
            links: [
              {
                label: '配送说明',
                url: '/help/shipping',
              },
            ],
          },
        },
        {
          id: 'payment',
          label: '支付方式',
          examples: [
            '可以用微信支付吗',
            '支持支付宝吗',
            '能用信用卡付款吗',
            '有哪些付款方式',
            '支付失败怎么办',
            '付款一直不成功',
            '可以货到付款吗',
            '花呗能用吗',
          ],
          response: {
            text: '我们支持 **微信支付、支付宝（含花呗分期）、银联和主要信用卡**，也可以用 Acme 礼品卡抵扣，不支持货到付款。\n\n支付失败请先确认余额和限额，或换一种方式再试；如果扣款了但订单没成功，款项会在 **3 个工作日内** 自动退回。',
            quickReplies: [],
            links: [
              {
                label: '支付帮助',
                url: '/help/payments',
              },
            ],
          },
        },
        {
          id: 'account',
          label: '账号和密码',
          examples: [
            '忘记密码了',
            '登录不上',
            '怎么注册账号',
            '修改手机号',
            '怎么改密码',
            '收不到验证码',
            '账号被锁了',
            '想注销账号',
          ],
          response: {
            text: '- 忘记密码：在登录页点击 **[忘记密码](/account/reset)**，用手机验证码重置；\n- 手机号、邮箱、短信推送和注销账号：都在 **[账户设置](/account/settings)** 里；\n- 收不到验证码请稍等一分钟后重试，连续输错 5 次密码账号会锁定 15 分钟。\n\n不注册也可以游客下单。',
            quickReplies: [],
            links: [
              {
                label: '账户设置',
                url: '/account/settings',
              },
              {
                label: '找回密码',
                url: '/account/reset',
              },
            ],
          },
        },
        {
          id: 'human_agent',
          label: '人工客服',
          examples: [
            '转人工',
            '我要找人工客服',
            '能和真人聊吗',
            '机器人解决不了',
            '人工服务',
            '叫你们客服来',
            '给我接人工',
            '我要投诉',
          ],
          response: {
            text: '好的，人工客服工作时间为 **每天 9:00-21:00**：\n\n- 电话 [400-800-1234](tel:4008001234)\n- 邮箱 [help@acme.example](mailto:help@acme.example)\n- 或 **[在线留言](/help/contact)**，我们会在一个工作日内回复。\n\n方便的话请准备好订单号。',
            quickReplies: [],
            links: [
              {
                label: '联系我们',
                url: '/help/contact',
              },
              {
                label: '拨打客服电话',
                url: 'tel:4008001234',
              },
            ],
          },
        },
      ],
      faq: [],
      fallback: {
        text: '抱歉，我没有完全理解您的问题。可以换个说法，或者选择下面的话题，也可以[联系人工客服](/help/contact)。',
        quickReplies: [
          {
            label: '查订单',
            intent: 'order_status',
          },
          {
            label: '退货',
            intent: 'returns',
          },
          {
            label: '运费和配送',
            intent: 'shipping',
          },
          {
            label: '转人工',
            intent: 'human_agent',
          },
        ],
        links: [
          {
            label: '帮助中心',
            url: '/help',
          },
        ],
      },
      outOfScope: ['你们招人吗', '明天天气怎么样', '推荐一家餐厅', '给我讲个故事'],
    },
    evalCsv:
      'text,label\n我昨天买的外套现在到哪儿了,order_status\n能帮我看看包裹的物流信息吗,order_status\n东西寄出来没有,order_status\n这单我不要了，帮我撤了吧,cancel_order\n下单下错了能不能取消,cancel_order\n还没发出的订单怎么取消,cancel_order\n这条裤子我想退回去,returns\n不喜欢可以退吗,returns\n退货怎么操作,returns\n退的钱多久能回到我卡上,refund\n货退回去一周了钱还没到,refund\n我的退款处理了吗,refund\n你们一般用哪家快递,shipping\n买多少钱可以免邮,shipping\n明天能送到吗,shipping\n付款的时候能用支付宝吗,payment\n我的卡付不了款,payment\n可以分期付款吗,payment\n密码想不起来了,account\n手机收不到登录验证码,account\n我还没有账号，去哪里弄一个,account\n我想和人工客服说话,human_agent\n帮我转接真人,human_agent\n别让机器人回了，找个活人跟我说,human_agent\n秘鲁的首都是哪里,oos\n明天上海会下雨吗,oos\n帮我写一段Python代码,oos\n世界上最高的山是哪座,oos\n推荐一部好看的电影,oos\n一加一等于几,oos\n怎么做红烧肉,oos\n比特币现在多少钱,oos\n北京到上海的高铁要多久,oos\n给我讲个笑话,oos\n怎么学好英语,oos\n苹果手机哪款最好,oos\n人生的意义是什么,oos\n怎么治感冒,oos\n帮我订一张机票,oos\n',
  },
  'clinic.en': {
    bot: {
      version: 1,
      name: 'Bright Smile Dental',
      language: 'en',
      greeting:
        "Hi! I'm the Bright Smile Dental assistant. Ask me about appointments, opening hours, prices, insurance or what to do in a dental emergency.",
      intents: [
        {
          id: 'book_appointment',
          label: 'Book an appointment',
          examples: [
            'I would like to book an appointment',
            'can I see a dentist next week?',
            'how do I make an appointment',
            'do you have any free slots on Saturday',
            'schedule a visit for me please',
            'I need to see the dentist',
            'is there availability tomorrow morning',
            'book me in for a check up with Dr. Lee',
          ],
          response: {
            text: 'You can book online at **[our booking page](/book)** or call **020 7946 0321**. New and existing patients can pick any free slot; we hold Saturday mornings for urgent cases.',
            quickReplies: [
              {
                label: 'Opening hours',
              },
              {
                label: 'Prices',
              },
            ],
          },
        },
        {
          id: 'cancel_reschedule',
          label: 'Cancel or move an appointment',
          examples: [
            'I need to cancel my appointment',
            'can I move my appointment to another day',
            'reschedule my visit please',
            "I can't make it on Thursday",
            'change the time of my booking',
            'I want to call off my cleaning next week',
            'running late for my appointment, what should I do',
            'is there a fee if I cancel',
          ],
          response: {
            text: 'Use the link in your confirmation email or call us. Please give **24 hours notice**; late cancellations and missed visits may be charged £25.',
          },
        },
        {
          id: 'opening_hours',
          label: 'Opening hours',
          examples: [
            'what are your opening hours',
            'are you open on Sundays',
            'what time do you close today',
            'when does the clinic open',
            'are you open on bank holidays',
            'hours on weekends?',
            'open late on weekdays?',
          ],
          response: {
            text: 'We are open **Monday to Friday 8:00-19:00** and **Saturday 9:00-13:00**. Closed on Sundays and bank holidays.',
          },
        },
        {
          id: 'location_parking',
          label: 'Address and parking',
          examples: [
            'where is the clinic',
            'what is your address',
            'is there parking near you',
            'how do I get there by bus',
            'which tube station is closest',
            'is the building wheelchair accessible',
            'directions to the practice please',
          ],
          response: {
            text: 'We are at **14 Harbour Street**, two minutes from Harbour Street station. Free parking for patients behind the building; step-free entrance and lift.',
          },
        },
        {
          id: 'dental_emergency',
          label: 'Dental emergency',
          examples: [
            'I have a terrible toothache',
            'my tooth broke while eating',
            'my gum is swollen and it hurts a lot',
            'knocked out a tooth playing football',
            'my filling fell out',
            'severe tooth pain at night, what can I do',
            'my crown came off',
            'bleeding after having a tooth pulled',
          ],
          response: {
            text: 'Call **020 7946 0321** straight away — we keep same-day emergency slots. Out of hours, call NHS 111. For a knocked-out tooth, keep it in milk and come in within an hour.',
          },
        },
        {
          id: 'prices',
          label: 'Prices',
          examples: [
            'how much is a check up',
            'what do you charge for a filling',
            'price list please',
            'how expensive is a root canal',
            'what does a crown cost',
            'cost of a scale and polish',
            'are your prices reasonable',
          ],
          response: {
            text: 'A check-up is £55, a hygienist clean £70, white fillings from £120, root canal from £450, crowns from £650. **[Full price list](/prices)**.',
            quickReplies: [
              {
                label: 'Payment plans',
              },
            ],
          },
        },
        {
          id: 'insurance_payment',
          label: 'Insurance and payment',
          examples: [
            'do you accept dental insurance',
            'can I pay by card',
            'do you take Denplan',
            'is NHS treatment available here',
            'can I spread the cost of treatment',
            'do you offer payment plans',
            'will my insurance cover a crown',
            'can I pay in instalments',
          ],
          response: {
            text: 'We accept Denplan, Bupa and most dental insurers, plus card and Apple Pay. Treatments over £500 can be spread over 12 months interest-free. We are a private practice and do not offer NHS treatment.',
          },
        },
        {
          id: 'whitening',
          label: 'Teeth whitening',
          examples: [
            'do you do teeth whitening',
            'how much does whitening cost',
            'I want whiter teeth',
            'is bleaching safe for my teeth',
            'how long does whitening last',
            'home whitening kit or in-clinic?',
            'can you remove coffee stains from my teeth',
          ],
          response: {
            text: 'We offer in-clinic whitening (£350, one 90-minute visit) and take-home trays (£250). Results last 1-3 years; we check your gums first.',
          },
        },
        {
          id: 'cleaning_hygienist',
          label: 'Hygienist and cleaning',
          examples: [
            'I need a scale and polish',
            'book a hygienist',
            'my gums bleed when I brush',
            'how often should I get my teeth cleaned',
            'do you do deep cleaning',
            'tartar build up on my teeth',
            'can I see the hygienist without a check-up',
          ],
          response: {
            text: 'Hygienist visits are 30 minutes (£70). We recommend one every 6 months, more often if your gums bleed. You can book a hygienist on its own.',
          },
        },
        {
          id: 'braces_aligners',
          label: 'Braces and aligners',
          examples: [
            'do you offer Invisalign',
            'I want to straighten my teeth',
            'how much are braces',
            'clear aligners for adults?',
            'how long do braces take',
            'my teeth are crooked, can you help',
            'retainer after braces',
          ],
          response: {
            text: 'We offer Invisalign and fixed braces for adults and teens. A free consultation with a 3D scan tells you the length (usually 6-18 months) and price (from £2,900).',
          },
        },
        {
          id: 'children',
          label: 'Children',
          examples: [
            'do you see children',
            'at what age should my child first see a dentist',
            'my toddler has a cavity',
            'is treatment free for kids',
            'can I bring my son for a check up',
            'my daughter is scared of the dentist',
            'fluoride varnish for children',
          ],
          response: {
            text: 'We see children from their first tooth. Check-ups for under-18s are £30 when a parent is a patient, and our team is used to nervous little ones.',
          },
        },
        {
          id: 'new_patient',
          label: 'Registering as a new patient',
          examples: [
            'are you taking new patients',
            'how do I register with you',
            'I just moved to the area and need a dentist',
            'what do I need to bring to my first visit',
            'new patient form',
            'can I transfer my records from my old dentist',
            'first appointment as a new patient',
          ],
          response: {
            text: 'Yes, we take new patients. Register online at **[/register](/register)** and bring a list of medicines to your first visit (a 45-minute exam with X-rays, £85).',
          },
        },
      ],
      faq: [
        {
          id: 'wisdom_teeth',
          question: 'Do you remove wisdom teeth?',
          alternatives: ['wisdom tooth extraction'],
          answer:
            'Yes. Simple extractions are done here; impacted wisdom teeth are referred to our oral surgeon, usually within two weeks.',
        },
        {
          id: 'sedation',
          question: 'Do you offer sedation for nervous patients?',
          alternatives: ['I am scared of the dentist, can I be sedated'],
          answer:
            'Yes, IV sedation is available for treatment and for very nervous patients (£250 per visit). Bring someone to take you home.',
        },
        {
          id: 'xray_safety',
          question: 'Are dental X-rays safe?',
          alternatives: ['x-ray radiation dose', 'x-ray while pregnant'],
          answer:
            'Dental X-rays use a very low dose, about a day of natural background radiation. Tell us if you are pregnant; we postpone routine X-rays.',
        },
        {
          id: 'implants',
          question: 'Do you do dental implants?',
          alternatives: ['replace a missing tooth', 'implant cost'],
          answer:
            'Yes, single implants start at £2,400 including the crown, after a consultation with a CT scan.',
        },
      ],
      fallback: {
        text: 'Sorry, I can only help with questions about Bright Smile Dental — appointments, treatments, prices and opening hours. For anything else please call 020 7946 0321.',
      },
      outOfScope: [
        'is there a job opening',
        'what is the weather tomorrow',
        'my stomach hurts after eating',
        'can you recommend a lawyer',
      ],
    },
    evalCsv:
      "text,label\ncould I get an appointment with a dentist this Friday,book_appointment\nI'd like to come in for a check-up,book_appointment\nany openings for a dental visit soon?,book_appointment\nhow can I arrange to see one of your dentists,book_appointment\nsomething came up and I have to cancel tomorrow's visit,cancel_reschedule\nplease push my appointment back a week,cancel_reschedule\nwill I be charged for missing my appointment,cancel_reschedule\ncan we do Tuesday instead of Monday for my booking,cancel_reschedule\nwhat time do you open on Saturday,opening_hours\nare you open right now,opening_hours\ntill what time can I come in on a weekday,opening_hours\nis the practice closed over Easter,opening_hours\nwhere exactly are you located,location_parking\ncan I leave my car at the clinic,location_parking\nnearest station to your surgery,location_parking\ndo you have step-free access for my wheelchair,location_parking\nmy back tooth is killing me,dental_emergency\nhalf of my tooth chipped off,dental_emergency\nthere's an abscess on my gum and my face is swelling,dental_emergency\nlost a filling this morning and it really hurts,dental_emergency\nwhat's the fee for a routine examination,prices\nhow much would I pay for a root canal treatment,prices\ndo you have a list of your fees,prices\nwhat's the price of a white filling,prices\nis Bupa dental cover accepted,insurance_payment\ncould I pay for my implant monthly,insurance_payment\ndo you treat NHS patients,insurance_payment\nwhich payment methods do you take,insurance_payment\ncan you make my teeth brighter,whitening\nis professional whitening worth it,whitening\nmy teeth are yellow from smoking,whitening\nprice of a whitening kit to use at home,whitening\nI'd like a professional clean,cleaning_hygienist\nthere's blood in the sink every time I brush my teeth,cleaning_hygienist\nwhen should I next see the hygienist,cleaning_hygienist\ncan you get rid of plaque and tartar,cleaning_hygienist\nwhat does invisible braces treatment cost,braces_aligners\nI'm 35 is it too late for braces,braces_aligners\nmy front teeth overlap and I'd like them straight,braces_aligners\nhow long would I wear aligners,braces_aligners\ndo you treat kids,children\nwhen should a baby have their first dental visit,children\nmy 6 year old needs a check up,children\nmy little boy is terrified of dentists,children\nI'd like to join the practice,new_patient\nis your clinic accepting new patients at the moment,new_patient\nwhat should I bring to my first appointment,new_patient\nhow do I sign up as a patient,new_patient\ncan you take out my wisdom tooth,faq:wisdom_teeth\n\"I'm very anxious, can you put me to sleep for treatment\",faq:sedation\nis it safe to have an x-ray when I'm expecting,faq:xray_safety\n\"I'm missing a tooth, can you put in an implant\",faq:implants\nare you hiring dental nurses,oos\ndo you have any receptionist jobs going,oos\nmy eye has been red and sore since yesterday,oos\nI think I sprained my ankle,oos\ncan you renew my blood pressure prescription,oos\nwhat's the weather like in London tomorrow,oos\nwho won the football last night,oos\nrecommend me a good pizza place nearby,oos\nhow do I reset my email password,oos\ncan you help me with my maths homework,oos\nwhat is the capital of Australia,oos\ntell me a joke,oos\ndo you sell dog food,oos\nI need a plumber for a leaking pipe,oos\nhow much is a flight to Spain,oos\nmy car won't start,oos\nis it going to snow this weekend,oos\nwhat's a good film to watch tonight,oos\ncan I get a mortgage with bad credit,oos\nhow do I cook rice,oos\nmy cat keeps sneezing what should I do,oos\nI have a rash on my arm,oos\ncan you book me a haircut,oos\nwhere can I buy concert tickets,oos\nwhat's the bitcoin price today,oos\nasdf qwer zxcv,oos\nhow old are you,oos\nmy landlord won't return my deposit,oos\ndo you do eye tests,oos\ncan you see my GP records,oos\ntranslate hello into French,oos\nwhat time is the next train to Manchester,oos\nI want to learn to play the guitar,oos\ncan I bring my dog to the park,oos\n",
  },
  'saas.en': {
    bot: {
      version: 1,
      name: 'Flowboard Support',
      language: 'en',
      greeting:
        "Hi! I'm Flowboard's help assistant. Ask me about your account, billing, plans, teammates, integrations or exports.",
      intents: [
        {
          id: 'reset_password',
          label: 'Reset password',
          examples: [
            'I forgot my password',
            "can't log in to my account",
            'how do I reset my password',
            'the password reset email never arrived',
            'locked out of Flowboard',
            'change my password',
            'login says wrong password but it is right',
          ],
          response: {
            text: 'Use **[Forgot password](/reset)** on the sign-in page; the link is valid for 1 hour. No email after 5 minutes? Check spam, or ask your workspace admin to resend an invite.',
          },
        },
        {
          id: 'billing_invoice',
          label: 'Invoices and billing',
          examples: [
            'where can I download my invoice',
            'I was charged twice this month',
            'update my credit card',
            'add our VAT number to invoices',
            'why is my bill higher than last month',
            'send me a receipt',
            'billing address change',
          ],
          response: {
            text: 'Invoices, receipts and the card on file are under **Settings → Billing**. Double charge? It is usually a pending authorisation that drops within 3 days; if not, reply here and we refund it.',
          },
        },
        {
          id: 'change_plan',
          label: 'Change plan',
          examples: [
            'how do I upgrade to Pro',
            'downgrade to the free plan',
            'what is the difference between Team and Business',
            'switch to annual billing',
            'compare your plans',
            'is there a cheaper plan',
            'add more seats to our plan',
          ],
          response: {
            text: 'Change plan under **Settings → Plan**. Upgrades apply at once and are prorated; downgrades take effect at the end of the billing period. **[Compare plans](/pricing)**.',
          },
        },
        {
          id: 'cancel_subscription',
          label: 'Cancel subscription',
          examples: [
            'cancel my subscription',
            'I want to stop paying for Flowboard',
            'how do I end my trial before I get charged',
            'stop auto renewal',
            'can I get a refund if I cancel now',
            'unsubscribe from the paid plan',
          ],
          response: {
            text: 'Cancel under **Settings → Plan → Cancel subscription**. You keep paid features until the period ends; annual plans cancelled within 14 days are refunded in full.',
          },
        },
        {
          id: 'invite_teammates',
          label: 'Invite teammates',
          examples: [
            'how do I add a colleague to my workspace',
            'invite people to my board',
            'remove a user from our team',
            'make someone an admin',
            'my teammate did not get the invite',
            'give a guest view-only access',
            'how many users can we have',
          ],
          response: {
            text: 'Admins invite people under **Settings → Members → Invite**. Guests can be limited to single boards; roles can be changed there too.',
          },
        },
        {
          id: 'integrations',
          label: 'Integrations',
          examples: [
            'does Flowboard work with Slack',
            'connect GitHub to my project',
            'sync tasks with Google Calendar',
            'is there a Jira integration',
            'set up Zapier',
            'get notifications in Microsoft Teams',
            'which apps can I integrate',
          ],
          response: {
            text: 'Integrations live under **Settings → Integrations**: Slack, Microsoft Teams, GitHub, GitLab, Google Calendar, Jira import and Zapier. **[Integration guides](/docs/integrations)**.',
          },
        },
        {
          id: 'export_data',
          label: 'Export data',
          examples: [
            'export my boards to CSV',
            'how do I download all my data',
            'back up my workspace',
            'export tasks to Excel',
            'can I get a PDF of my project',
            'move my data to another tool',
          ],
          response: {
            text: 'Export a board as CSV or PDF from its ⋯ menu; admins can export the whole workspace (JSON + attachments) under **Settings → Data**.',
          },
        },
        {
          id: 'two_factor',
          label: 'Two-factor authentication',
          examples: [
            'turn on two factor authentication',
            'I lost my phone with the authenticator app',
            'set up 2FA',
            'my 2FA codes are not working',
            'use a security key to log in',
            'recovery codes for two-step login',
          ],
          response: {
            text: 'Turn on 2FA under **Profile → Security**. Lost your device? Use a recovery code, or ask a workspace admin to reset your 2FA.',
          },
        },
        {
          id: 'report_bug',
          label: 'Report a bug',
          examples: [
            'something is broken',
            'the app keeps crashing',
            'I found a bug',
            'the board will not load',
            'error message when I save a task',
            'the page is stuck on loading',
            'notifications stopped working',
          ],
          response: {
            text: 'Sorry about that! Check **[status.flowboard.app](https://status.flowboard.app)** first; if all is green, use **Help → Report a problem** so the report includes your browser and a screenshot.',
          },
        },
        {
          id: 'api_access',
          label: 'API access',
          examples: [
            'do you have an API',
            'where do I find my API key',
            'API rate limits',
            'webhooks for new tasks',
            'REST API documentation',
            'generate a personal access token',
          ],
          response: {
            text: 'Create a token under **Profile → API tokens**. The REST API and webhooks are documented at **[/docs/api](/docs/api)**; limit 100 requests per minute per token.',
          },
        },
        {
          id: 'sso',
          label: 'Single sign-on',
          examples: [
            'set up SSO with Okta',
            'do you support SAML',
            'login with Azure AD',
            'enforce single sign-on for our company',
            'Google Workspace login for my team',
            'SCIM user provisioning',
          ],
          response: {
            text: 'SAML SSO (Okta, Azure AD, Google Workspace, OneLogin) and SCIM are on the Business plan, under **Settings → Security → SSO**.',
          },
        },
        {
          id: 'delete_account',
          label: 'Delete account',
          examples: [
            'delete my account',
            'remove all my personal data',
            'close my Flowboard account for good',
            'GDPR erasure request',
            'how do I delete our workspace',
          ],
          response: {
            text: 'Delete your account under **Profile → Delete account**; workspace owners delete the workspace under **Settings → Data**. Data is erased within 30 days.',
          },
        },
      ],
      faq: [
        {
          id: 'free_trial',
          question: 'How long is the free trial?',
          alternatives: ['do I need a card for the trial'],
          answer:
            'The Pro trial lasts 14 days and needs no card. At the end you drop to the Free plan unless you upgrade.',
        },
        {
          id: 'offline',
          question: 'Does Flowboard work offline?',
          alternatives: ['use the app without internet'],
          answer:
            'The desktop and mobile apps keep recent boards offline and sync your changes when you reconnect.',
        },
        {
          id: 'data_location',
          question: 'Where is my data stored?',
          alternatives: ['EU data residency', 'which servers host my data'],
          answer:
            'Data is stored in the EU (Frankfurt) by default; US hosting is available on Business.',
        },
      ],
      fallback: {
        text: 'Sorry, I can only help with Flowboard — accounts, billing, plans, teammates, integrations and exports. For anything else, write to support@flowboard.app.',
      },
      outOfScope: [
        'is there a job opening',
        'what is the weather tomorrow',
        'how do I set up my printer',
        'can you recommend a restaurant',
      ],
    },
    evalCsv:
      "text,label\nI can't remember my login password,reset_password\nreset link hasn't come through,reset_password\nit keeps telling me my password is incorrect,reset_password\nneed a new password for my account,reset_password\nwhere are my past invoices,billing_invoice\nmy card expired and I need to put in a new one,billing_invoice\nyou billed me two times,billing_invoice\ncan the invoice show our company tax id,billing_invoice\nI'd like to move up to the Business plan,change_plan\nwhich plan includes more storage,change_plan\ncan we pay yearly instead of monthly,change_plan\nwe need five extra seats,change_plan\nI don't want the subscription anymore,cancel_subscription\nturn off the automatic renewal please,cancel_subscription\nwill I get my money back if I cancel today,cancel_subscription\nend my paid plan,cancel_subscription\nhow can I bring my coworker into our workspace,invite_teammates\nkick a former employee out of the team,invite_teammates\nthe invitation email didn't reach my colleague,invite_teammates\nlet a client see the board without editing,invite_teammates\ncan I hook Flowboard up to Slack,integrations\nlink my repo so commits show on tasks,integrations\ndoes it integrate with Outlook or Google calendar,integrations\nautomate things with Zapier,integrations\ndownload a spreadsheet of all tasks,export_data\nI want a full backup of our workspace,export_data\ncan I print a board as PDF,export_data\nwe are switching tools and need our data out,export_data\nhow do I enable two step verification,two_factor\nnew phone and my authenticator codes are gone,two_factor\nthe 6 digit code is always rejected,two_factor\ncan I log in with a YubiKey,two_factor\nthe app crashes whenever I open a board,report_bug\nI keep getting an error when saving,report_bug\nthe site just spins forever,report_bug\nI'm not receiving any notifications,report_bug\nis there a developer API,api_access\nhow do I create an API token,api_access\nhow many API calls can I make per minute,api_access\ncan I get a webhook when a task changes,api_access\ncan we log in with Okta,sso\nSAML setup for our organisation,sso\nforce everyone to use company single sign-on,sso\nautomatic user provisioning with SCIM,sso\nI want to permanently remove my account,delete_account\nplease erase all my data,delete_account\nshut down our whole workspace,delete_account\nhow do I close my account,delete_account\nis the trial free and for how long,faq:free_trial\ncan I keep working on a plane without wifi,faq:offline\nare your servers in Europe,faq:data_location\nare you hiring software engineers,oos\ndo you have any open positions in sales,oos\nwhat's the weather in Berlin,oos\nwho is going to win the Champions League,oos\nrecommend a good laptop for programming,oos\nhow do I fix my wifi router,oos\nmy tooth hurts,oos\nI have a headache that won't go away,oos\ncan you write my essay for me,oos\nwhat's the meaning of life,oos\nbook me a table for two tonight,oos\nhow do I change my Netflix password,oos\nmy Gmail account was hacked,oos\nwhat's the exchange rate for dollars to euros,oos\ncan you order me a taxi,oos\nhow tall is Mount Everest,oos\ntell me something funny,oos\ndo you like music,oos\nwhere can I buy cheap shoes,oos\nhow do I file my tax return,oos\nmy neighbour is too noisy,oos\nwhat's a good recipe for pancakes,oos\ncan you recommend a dentist,oos\nis Excel better than Google Sheets,oos\nhow do I install Windows 11,oos\nkjhg lkjh poiu,oos\nwhat's your favourite colour,oos\nmy flight got cancelled,oos\nhow do I learn Python,oos\ncan you lend me money,oos\nwhen does the post office open,oos\nwhat time is it in Tokyo,oos\n",
  },
  'clinic.zh': {
    bot: {
      version: 1,
      name: '我们的诊所',
      language: 'zh',
      greeting: '您好！我是诊所的助手，可以回答预约、营业时间、价格、医保和急诊的问题。',
      intents: [
        {
          id: 'book_appointment',
          label: '预约',
          examples: [
            '我想预约看牙',
            '下周还有号吗',
            '怎么挂号',
            '周六可以预约吗',
            '帮我约个检查',
            '想约明天上午',
          ],
          response: {
            text: '您可以在**[预约页面](/book)**在线预约，或致电 010-1234-5678。',
          },
        },
        {
          id: 'cancel_reschedule',
          label: '取消或改约',
          examples: [
            '我要取消预约',
            '能改到别的时间吗',
            '周四去不了了',
            '改约要收费吗',
            '帮我把预约往后推一周',
            '我会迟到一会儿',
          ],
          response: {
            text: '请用确认短信里的链接改约或取消，或致电我们。请至少提前 24 小时通知。',
          },
        },
        {
          id: 'opening_hours',
          label: '营业时间',
          examples: [
            '你们几点开门',
            '周日营业吗',
            '今天几点下班',
            '节假日开不开',
            '周末的营业时间',
            '晚上开到几点',
          ],
          response: {
            text: '周一至周五 8:00-19:00，周六 9:00-13:00，周日和法定节假日休息。',
          },
        },
        {
          id: 'location',
          label: '地址和停车',
          examples: [
            '诊所在哪里',
            '地址是什么',
            '有停车位吗',
            '坐地铁怎么去',
            '附近有公交站吗',
            '有无障碍通道吗',
          ],
          response: {
            text: '我们在**海港路 14 号**，地铁海港路站步行两分钟，楼后有免费停车位。',
          },
        },
        {
          id: 'emergency',
          label: '急诊',
          examples: [
            '牙疼得厉害',
            '牙齿断了',
            '牙龈肿了很疼',
            '补的牙掉了',
            '牙齿被撞掉了',
            '半夜牙疼怎么办',
          ],
          response: {
            text: '请马上致电 010-1234-5678，我们每天保留当天急诊号。牙齿被撞掉请泡在牛奶里，一小时内来诊所。',
          },
        },
        {
          id: 'prices',
          label: '价格',
          examples: [
            '检查多少钱',
            '补牙怎么收费',
            '有价目表吗',
            '根管治疗贵吗',
            '做牙冠多少钱',
            '洗牙价格',
          ],
          response: {
            text: '检查 150 元，洗牙 300 元，补牙 400 元起。**[完整价目表](/prices)**。',
          },
        },
        {
          id: 'insurance',
          label: '医保和付款',
          examples: [
            '能用医保吗',
            '可以刷卡吗',
            '支持分期付款吗',
            '商业保险能报销吗',
            '可以用微信支付吗',
            '治疗费能分几个月付吗',
          ],
          response: {
            text: '支持医保、主要商业保险、银行卡、微信和支付宝；5000 元以上的治疗可免息分 12 期。',
          },
        },
        {
          id: 'children',
          label: '儿童看牙',
          examples: [
            '你们给小孩看牙吗',
            '孩子几岁开始看牙',
            '宝宝有蛀牙',
            '孩子怕看牙医',
            '儿童涂氟',
            '带儿子来检查',
          ],
          response: {
            text: '我们接诊各年龄段的儿童，医生很有耐心，儿童检查 80 元。',
          },
        },
      ],
      faq: [],
      fallback: {
        text: '抱歉，我只能回答和本诊所有关的问题。其他问题请致电 010-1234-5678。',
      },
      outOfScope: ['你们招聘护士吗', '我眼睛痒了好几天', '明天天气怎么样', '附近有什么好吃的'],
    },
    evalCsv:
      'text,label\n能约个周五看牙吗,book_appointment\n想来做个检查,book_appointment\n明天的预约我来不了了,cancel_reschedule\n能把预约改到下周二吗,cancel_reschedule\n周六几点开门,opening_hours\n现在还营业吗,opening_hours\n你们具体在什么位置,location\n开车去能停车吗,location\n后面的牙疼死了,emergency\n牙掉了一半,emergency\n检查一次收多少钱,prices\n根管要花多少钱,prices\n能用医保卡吗,insurance\n可以分期吗,insurance\n六岁孩子要检查牙齿,children\n孩子很怕牙医,children\n你们招前台吗,oos\n我膝盖疼,oos\n下周会下雨吗,oos\n推荐一部电影,oos\n怎么做红烧鱼,oos\n我的车打不着火,oos\n帮我翻译一句英语,oos\n你喜欢什么音乐,oos\n附近有宠物医院吗,oos\n房东不退押金怎么办,oos\n',
  },
  'saas.zh': {
    bot: {
      version: 1,
      name: '我们的软件',
      language: 'zh',
      greeting: '您好！我是帮助中心的助手，可以回答账号、账单、套餐、成员和数据导出的问题。',
      intents: [
        {
          id: 'reset_password',
          label: '重置密码',
          examples: [
            '忘记密码了',
            '登录不了',
            '怎么重置密码',
            '没收到重置邮件',
            '账号被锁了',
            '密码明明对却说错误',
          ],
          response: {
            text: '在登录页点击**[忘记密码](/reset)**，链接 1 小时内有效。',
          },
        },
        {
          id: 'billing',
          label: '账单和发票',
          examples: [
            '在哪里下载发票',
            '这个月被扣了两次钱',
            '怎么换绑银行卡',
            '发票抬头怎么改',
            '为什么这个月账单变多了',
            '要一张收据',
          ],
          response: {
            text: '发票、收据和付款方式都在**设置 → 账单**里。重复扣款一般是预授权，3 天内会自动退回。',
          },
        },
        {
          id: 'change_plan',
          label: '更换套餐',
          examples: [
            '怎么升级到专业版',
            '降级到免费版',
            '套餐有什么区别',
            '改成按年付费',
            '增加几个席位',
            '有更便宜的套餐吗',
          ],
          response: {
            text: '在**设置 → 套餐**里更换。升级立即生效并按天计费，降级在本期结束后生效。',
          },
        },
        {
          id: 'cancel_subscription',
          label: '取消订阅',
          examples: [
            '取消订阅',
            '不想续费了',
            '关闭自动续费',
            '现在取消能退款吗',
            '试用结束前怎么取消',
            '停止付费',
          ],
          response: {
            text: '在**设置 → 套餐 → 取消订阅**。付费功能保留到本期结束；年付 14 天内取消全额退款。',
          },
        },
        {
          id: 'invite_members',
          label: '邀请成员',
          examples: [
            '怎么邀请同事',
            '把人加到工作区',
            '移除一个成员',
            '设置管理员',
            '同事没收到邀请',
            '给访客只读权限',
          ],
          response: {
            text: '管理员在**设置 → 成员 → 邀请**里邀请成员，也可以在那里修改角色。',
          },
        },
        {
          id: 'export_data',
          label: '导出数据',
          examples: [
            '导出成 Excel',
            '怎么下载全部数据',
            '备份工作区',
            '导出任务列表',
            '导出 PDF',
            '要把数据迁到别的工具',
          ],
          response: {
            text: '每个看板的 ⋯ 菜单可以导出 CSV 或 PDF；管理员可在**设置 → 数据**导出整个工作区。',
          },
        },
        {
          id: 'report_bug',
          label: '报告问题',
          examples: [
            '软件出错了',
            '应用老是闪退',
            '发现一个bug',
            '页面一直在加载',
            '保存时报错',
            '收不到通知了',
          ],
          response: {
            text: '抱歉！请先看**[状态页](https://status.example.com)**；一切正常的话，请用**帮助 → 报告问题**提交。',
          },
        },
        {
          id: 'delete_account',
          label: '注销账号',
          examples: [
            '注销账号',
            '删除我的所有数据',
            '永久关闭账号',
            '怎么删除工作区',
            '不想用了要销户',
            '清除个人信息',
          ],
          response: {
            text: '在**个人资料 → 注销账号**操作；工作区所有者在**设置 → 数据**删除工作区。数据 30 天内清除。',
          },
        },
      ],
      faq: [],
      fallback: {
        text: '抱歉，我只能回答和本产品有关的问题。其他问题请发邮件到 support@example.com。',
      },
      outOfScope: ['你们招程序员吗', '今天股票怎么样', '帮我订机票', '讲个笑话'],
    },
    evalCsv:
      'text,label\n登录密码想不起来了,reset_password\n重置链接一直没收到,reset_password\n我的旧发票在哪,billing\n信用卡过期了要换一张,billing\n想升到企业版,change_plan\n能改成年付吗,change_plan\n不想再订阅了,cancel_subscription\n关掉自动续费,cancel_subscription\n怎么把新同事拉进来,invite_members\n把离职员工移出团队,invite_members\n所有任务导出成表格,export_data\n要一个完整备份,export_data\n一打开看板就崩溃,report_bug\n一保存就报错,report_bug\n我要永久删除账号,delete_account\n把我的数据全部删掉,delete_account\n你们在招销售吗,oos\n北京明天天气,oos\n湖人昨天赢了吗,oos\n我头疼,oos\n推荐一台笔记本电脑,oos\n怎么报个税,oos\n帮我写一篇作文,oos\n你几岁了,oos\n外卖怎么还没到,oos\n怎么学游泳,oos\n',
  },
};
