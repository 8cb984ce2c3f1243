"""Normal-approximation power of the simulation design in docs/METHOD.md (logit-shift drop). Run: /usr/bin/python3 normal_power.py"""
import numpy as np
from math import erf, sqrt
rng=np.random.default_rng(5)
def Phi(x): return 0.5*(1+erf(x/sqrt(2)))
P=np.clip(rng.beta(0.7,0.3,2_000_000),1e-12,1-1e-12); L=np.log(P/(1-P))
def shift_for(drop):
    lo,hi=0,10
    for _ in range(60):
        mid=(lo+hi)/2
        if 0.7-np.mean(1/(1+np.exp(-(L-mid))))<drop: lo=mid
        else: hi=mid
    return mid
def power(n,drop,m,trials=4000,paired=True):
    s=shift_for(drop); hits=0; corr=[]
    for _ in range(trials):
        p=np.clip(rng.beta(0.7,0.3,n),1e-12,1-1e-12); q=1/(1+np.exp(-(np.log(p/(1-p))-s)))
        b=rng.random(n)<p; c=rng.random(n)<q
        if paired:
            n01=np.sum(~b&c); n10=np.sum(b&~c); d=(n01-n10)/n; v=((n01+n10)/n-d*d)/n
        else:
            pb=b.mean(); pc=c.mean(); d=pc-pb; v=(pb*(1-pb)+pc*(1-pc))/n
        if Phi((-m-d)/sqrt(v))>=0.95: hits+=1
    return hits/trials, s
print("5pt/1000/m.01 paired", power(1000,0.05,0.01)); print("unpaired", power(1000,0.05,0.01,paired=False))
print("3pt/2000/m0 paired", power(2000,0.03,0.0)); print("unpaired", power(2000,0.03,0.0,paired=False))
